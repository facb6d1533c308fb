import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOutput } from './parse.js';

function sample(name: string): string {
  return fs.readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

describe('codex parseOutput', () => {
  it('reads the final agent message as the result; tokens, turns, thread id and changed files from the events', () => {
    const parsed = parseOutput(sample('success.jsonl'));
    expect(parsed.error).toBeUndefined();
    expect(parsed.result).toEqual({ status: 'fixed', summary: 'add() subtracted', filesChanged: ['src/calc.py'], notes: '' });
    expect(parsed.cost).toEqual({ inputTokens: 24763, outputTokens: 1122, turns: 1 });
    expect(parsed.cost.usd).toBeUndefined();
    expect(parsed.sessionId).toBe('0199a213-81c0-7800-8aa1-bbab2a035a53');
    expect(parsed.filesTouched).toEqual(['/work/wt/src/calc.py']);
  });

  it('sums usage over turns (cached input is part of input, not added)', () => {
    const parsed = parseOutput(sample('two-turns.jsonl'));
    expect(parsed.cost).toEqual({ inputTokens: 3000, outputTokens: 150, turns: 2 });
    expect(parsed.result?.status).toBe('partial');
  });

  it('prefers the --output-last-message file over the event stream', () => {
    const lastMessage = '{"status":"gave_up","summary":"from the file","filesChanged":[],"notes":""}\n';
    expect(parseOutput(sample('success.jsonl'), { lastMessage }).result?.summary).toBe('from the file');
  });

  it('a failed turn is an execution error with its message; a 401 is auth', () => {
    const failed = parseOutput(sample('turn-failed.jsonl'));
    expect(failed).toMatchObject({ errorKind: 'execution_error', error: expect.stringMatching(/^codex turn failed: stream disconnected/) });
    expect(failed.result).toBeUndefined();
    const auth = parseOutput(sample('auth-error.jsonl'));
    expect(auth.errorKind).toBe('auth');
    expect(auth.error).toMatch(/could not authenticate \(unexpected status 401 .*\); set OPENAI_API_KEY or CODEX_API_KEY/);
  });

  it('an error event with no completed turn fails the run; one followed by a completed turn does not', () => {
    const fatal = parseOutput('{"type":"thread.started","thread_id":"t"}\n{"type":"error","message":"exceeded retry limit"}\n');
    expect(fatal).toMatchObject({ errorKind: 'execution_error', error: 'codex turn failed: exceeded retry limit' });
    const retried = parseOutput(`{"type":"error","message":"Reconnecting... 1/5"}\n${sample('success.jsonl')}`);
    expect(retried.error).toBeUndefined();
    expect(retried.result?.status).toBe('fixed');
  });

  it('a finished run whose final message is prose is no_result', () => {
    const stdout = sample('success.jsonl').replace(/\{"type":"item.completed","item":\{"id":"item_4".*\n/, '{"type":"item.completed","item":{"id":"item_4","type":"agent_message","text":"Fixed!"}}\n');
    expect(parseOutput(stdout)).toMatchObject({ errorKind: 'no_result', error: 'codex finished but its final message holds no result JSON; see agent.stdout' });
    expect(parseOutput('{"type":"thread.started","thread_id":"t"}\n{"type":"turn.completed","usage":{"input_tokens":1,"cached_input_tokens":0,"output_tokens":1}}\n').errorKind).toBe('no_result');
  });

  it('output without events is garbage; malformed lines among events are skipped', () => {
    expect(parseOutput('OpenAI Codex v0.169.0\nnot json\n')).toMatchObject({ errorKind: 'garbage', cost: {} });
    expect(parseOutput('')).toMatchObject({ errorKind: 'garbage' });
    const noisy = `garbage line\n{"type":"turn.completed","usage":"oops"}\n${sample('success.jsonl')}`;
    expect(parseOutput(noisy).result?.status).toBe('fixed');
  });
});
