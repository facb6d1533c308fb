import { describe, expect, it } from 'vitest';
import { makeRequest } from '../test-support.js';
import { extractResult } from './extract-result.js';
import { buildPrompt } from './prompt.js';

const line = '{"status":"fixed","summary":"s","filesChanged":["a.py"]}';

describe('extractResult', () => {
  it.each([
    ['the whole text', line],
    ['the last line after prose', `I did it.\n${line}`],
    ['a fenced json block', `Done.\n\n\`\`\`json\n${line}\n\`\`\`\n`],
    ['a fenced block followed by a sign-off', `\`\`\`\n${line}\n\`\`\`\nThanks!`],
  ])('finds the result as %s', (_label, text) => {
    expect(extractResult(text)).toEqual({ ok: true, result: { status: 'fixed', summary: 's', filesChanged: ['a.py'] } });
  });

  it('takes the last of several fenced blocks', () => {
    const text = '```json\n{"status":"gave_up","summary":"first"}\n```\n```json\n{"status":"partial","summary":"second"}\n```';
    expect(extractResult(text)).toMatchObject({ ok: true, result: { summary: 'second' } });
  });

  it('says why when there is no valid result', () => {
    expect(extractResult('all done')).toEqual({ ok: false, reason: 'its final message holds no result JSON' });
    expect(extractResult('{"status":"won","summary":1}')).toMatchObject({ ok: false, reason: expect.stringMatching(/not a valid result \(status: .*summary: /) });
  });
});

describe('buildPrompt', () => {
  it('keeps the instructions verbatim and appends the schema for a non-interactive finish', () => {
    const request = makeRequest('/w');
    const prompt = buildPrompt(request, 'Some Agent');
    expect(prompt.startsWith(request.instructions.trimEnd())).toBe(true);
    expect(prompt).toContain('## Finishing (Some Agent, non-interactive)');
    expect(prompt).toContain('"enum": [');
    expect(prompt.endsWith('```\n')).toBe(true);
  });
});
