import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOutput } from './parse.js';

function sample(name: string): string {
  return fs.readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

describe('cursor-agent parseOutput', () => {
  it('reads the result from the final text; no cost, only the session', () => {
    const parsed = parseOutput(sample('success.json'));
    expect(parsed.error).toBeUndefined();
    expect(parsed.result).toEqual({ status: 'fixed', summary: 'add() subtracted', filesChanged: ['src/calc.py'] });
    expect(parsed.cost).toEqual({});
    expect(parsed.sessionId).toBe('6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b');
  });

  it('no JSON and an auth message on stderr is auth, naming the key', () => {
    const parsed = parseOutput('', { stderr: sample('auth-error.stderr') });
    expect(parsed.errorKind).toBe('auth');
    expect(parsed.error).toMatch(/^cursor-agent could not authenticate \(Error: Authentication required.*\); set CURSOR_API_KEY/);
  });

  it('no JSON otherwise is garbage', () => {
    expect(parseOutput('⠋ Thinking…\nnot json', { stderr: '' })).toMatchObject({ errorKind: 'garbage', cost: {} });
  });

  it('a success without result JSON is no_result; an error object is an execution error', () => {
    const base = JSON.parse(sample('success.json'));
    expect(parseOutput(JSON.stringify({ ...base, result: 'All good now!' })).errorKind).toBe('no_result');
    const failed = parseOutput(JSON.stringify({ ...base, subtype: 'error', is_error: true, result: 'model unavailable' }));
    expect(failed).toMatchObject({ errorKind: 'execution_error', error: "cursor-agent ended with 'error': model unavailable" });
  });
});
