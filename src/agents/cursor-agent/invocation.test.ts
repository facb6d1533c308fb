import { describe, expect, it } from 'vitest';
import { makeRequest } from '../test-support.js';
import { buildInvocation, MAX_PROMPT_ARG_CHARS } from './invocation.js';
import { CursorAgentOptions } from './options.js';

const paths = { attemptDir: '/a', instructionsPath: '/a/instructions.md' };

describe('cursor-agent buildInvocation', () => {
  it('runs print mode with JSON output, edits applied (--force), the worktree trusted; prompt last', () => {
    const request = makeRequest('/work/wt');
    const inv = buildInvocation(request, CursorAgentOptions.parse({}), paths);
    expect(inv.argv.slice(0, -1)).toEqual(['cursor-agent', '--print', '--output-format', 'json', '--force', '--trust', '--workspace', '/work/wt']);
    expect(inv.argv.at(-1)).toContain('# fix it');
    expect(inv.argv.at(-1)).toContain('## Finishing (Cursor Agent, non-interactive)');
    expect(inv.stdin).toBeUndefined();
    expect(inv.env).toEqual({});
  });

  it('adds the model and extra args before the prompt', () => {
    const inv = buildInvocation(makeRequest('/w'), CursorAgentOptions.parse({ bin: 'agent', model: 'sonnet-4', extraArgs: ['--sandbox', 'enabled'] }), paths);
    expect(inv.argv[0]).toBe('agent');
    expect(inv.argv.slice(-5, -1)).toEqual(['--model', 'sonnet-4', '--sandbox', 'enabled']);
  });

  it('points at the instructions file when the prompt would not fit in one argument', () => {
    const request = makeRequest('/w', { instructions: `# big\n${'x'.repeat(MAX_PROMPT_ARG_CHARS)}` });
    const prompt = buildInvocation(request, CursorAgentOptions.parse({}), paths).argv.at(-1) as string;
    expect(prompt.length).toBeLessThan(1000);
    expect(prompt).toContain('/a/instructions.md');
  });

  it('has a strict config section', () => {
    expect(CursorAgentOptions.parse({})).toEqual({ bin: 'cursor-agent', allowEnv: ['CURSOR_API_KEY'], extraArgs: [] });
    expect(CursorAgentOptions.safeParse({ force: false }).success).toBe(false);
  });
});
