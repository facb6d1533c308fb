import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOutput } from './parse.js';

function sample(name: string): string {
  return fs.readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

describe('claude-code parseOutput', () => {
  it('reads the result from a fenced json block in the final text, with cost, tokens, turns and session', () => {
    const parsed = parseOutput(sample('success.json'));
    expect(parsed.error).toBeUndefined();
    expect(parsed.result).toEqual({ status: 'fixed', summary: 'add() subtracted; now adds', filesChanged: ['src/calc.py'] });
    expect(parsed.cost).toEqual({ usd: 0.1834, inputTokens: 31 + 10422 + 96110, outputTokens: 2188, turns: 9 });
    expect(parsed.turns).toBe(9);
    expect(parsed.sessionId).toBe('5f0c3b0e-8a55-4f5e-9d53-0c8f3a0a1c11');
  });

  it('prefers structured_output (from --json-schema) over the text', () => {
    const parsed = parseOutput(sample('success-structured.json'));
    expect(parsed.result).toEqual({ status: 'partial', summary: 'fixed one of two failures', filesChanged: ['src/calc.py'], notes: 'test_add_zero still fails' });
  });

  it.each([
    ['error-max-turns.json', 'max_turns', /turn limit \(--max-turns\) after 31 turns; raise the task's budget\.maxTurns or agents\.claude-code\.maxTurns/],
    ['error-max-budget.json', 'max_budget', /cost budget \(--max-budget-usd\) after spending \$0\.5071/],
    ['error-during-execution.json', 'execution_error', /^claude-code failed during execution: API Error: 529/],
    ['auth-error.json', 'auth', /could not authenticate \(Invalid API key · Please run \/login\); set ANTHROPIC_API_KEY/],
  ])('%s → %s, with the cost still recorded', (name, kind, message) => {
    const parsed = parseOutput(sample(name));
    expect(parsed.result).toBeUndefined();
    expect(parsed.errorKind).toBe(kind);
    expect(parsed.error).toMatch(message);
    expect(parsed.cost.turns).toBeGreaterThan(0);
    expect(parsed.cost.usd).toBeDefined();
  });

  it('a success whose text holds no result JSON is no_result, not a pass', () => {
    const message = { ...JSON.parse(sample('success.json')), result: 'All fixed!' };
    const parsed = parseOutput(JSON.stringify(message));
    expect(parsed.result).toBeUndefined();
    expect(parsed.errorKind).toBe('no_result');
    expect(parsed.error).toBe('claude-code finished but its final message holds no result JSON; see agent.stdout');
    expect(parsed.cost.usd).toBe(0.1834);
  });

  it('names the bad field when the final JSON is not a valid result', () => {
    const message = { ...JSON.parse(sample('success.json')), result: 'ok\n{"status":"done","summary":"x"}' };
    expect(parseOutput(JSON.stringify(message)).error).toMatch(/not a valid result \(status: /);
  });

  it('garbage, empty output and a JSON object that is not a result are garbage', () => {
    for (const stdout of ['', 'Thinking…\n<html>', '{"type":"assistant","message":{}}', '[1,2]']) {
      const parsed = parseOutput(stdout);
      expect(parsed.errorKind, stdout).toBe('garbage');
      expect(parsed.cost).toEqual({});
    }
  });

  it('finds the result object after stray lines (a warning printed before it)', () => {
    const parsed = parseOutput(`warning: something odd\n${sample('success.json')}`);
    expect(parsed.result?.status).toBe('fixed');
  });

  it('an unknown error subtype is an execution error naming it', () => {
    const parsed = parseOutput(JSON.stringify({ type: 'result', subtype: 'error_new_kind', is_error: true, errors: ['boom'] }));
    expect(parsed).toMatchObject({ errorKind: 'execution_error', error: "claude-code ended with 'error_new_kind': boom" });
  });
});
