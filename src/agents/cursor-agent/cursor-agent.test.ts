import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive, killLeftovers, waitFor } from '../../runner/test-support.js';
import { makeRequest, tempDir } from '../test-support.js';
import { cliCtx, fakeCli, fixScript, gitWorktree, readJson } from '../cli-agent/test-support.js';
import type { CliAgentOutcome } from '../cli-agent/types.js';
import { createCursorAgent } from './cursor-agent.js';
import { CursorAgentOptions } from './options.js';

const leftovers: number[] = [];
afterEach(() => killLeftovers(leftovers));

async function run(scenario: string, opts: Partial<CursorAgentOptions> = {}) {
  const worktree = gitWorktree();
  const record = path.join(tempDir(), 'record.json');
  const { attemptDir, ctx } = cliCtx({ FAKE_CLI_SCENARIO: scenario, FAKE_CLI_EDITS: fixScript(), FAKE_CLI_RECORD: record, CURSOR_API_KEY: 'key_test' });
  const outcome: CliAgentOutcome = await createCursorAgent(CursorAgentOptions.parse({ bin: fakeCli('cursor-agent'), ...opts })).attempt(makeRequest(worktree), ctx);
  return { worktree, attemptDir, outcome, record };
}

describe('cursor-agent agent (fake cursor-agent CLI)', () => {
  it('applies the edits in the worktree and parses the result; records time, no cost', async () => {
    const { worktree, attemptDir, outcome, record } = await run('success-with-edits');
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toEqual({ status: 'fixed', summary: 'fixed the subtraction in add()', filesChanged: ['src/calc.py'] });
    expect(fs.readFileSync(path.join(worktree, 'src/calc.py'), 'utf8')).toContain('a + b');
    expect(outcome.cost).toEqual({});
    expect(outcome.exec?.durationMs).toBeGreaterThan(0);
    const seen = readJson<{ workspace: string; prompt: string; env: string[] }>(record);
    expect(seen.workspace).toBe(worktree);
    expect(seen.prompt).toContain('# fix it');
    expect(seen.env).toContain('CURSOR_API_KEY');
    const invocation = readJson<{ argv: string[]; stdin: null }>(path.join(attemptDir, 'invocation.json'));
    expect(invocation.argv).toEqual(outcome.exec?.argv);
    expect(invocation.stdin).toBeNull();
  });

  it.each([
    ['success-no-edits', undefined, undefined],
    ['execution-error', 'crashed', /exited with code 1 \(Error: Connection lost/],
    ['auth-error', 'auth', /could not authenticate \(Error: Authentication required.*\); set CURSOR_API_KEY/],
    ['success-no-json', 'no_result', /finished but its final message holds no result JSON/],
    ['garbage', 'garbage', /printed no result object/],
    ['exit-nonzero-no-json', 'crashed', /exited with code 2 \(fake cursor-agent: unexpected internal error\)/],
  ])('%s → %s, without throwing', async (scenario, kind, message) => {
    const { attemptDir, outcome } = await run(scenario);
    expect(outcome.errorKind).toBe(kind);
    if (message) expect(outcome.error).toMatch(message);
    else expect(outcome.result?.status).toBe('gave_up');
    expect(fs.existsSync(path.join(attemptDir, 'result.json'))).toBe(true);
  });

  it('kills a hanging cursor-agent and its child at the timeout', async () => {
    const pidsFile = path.join(tempDir(), 'pids.json');
    const { ctx } = cliCtx({ FAKE_CLI_SCENARIO: 'hang', FAKE_CLI_PIDS: pidsFile });
    const outcome = await createCursorAgent(CursorAgentOptions.parse({ bin: fakeCli('cursor-agent') })).attempt(makeRequest(gitWorktree(), { timeoutMs: 1500 }), ctx);
    const pids = readJson<{ agent: number; child: number }>(pidsFile);
    leftovers.push(pids.agent, pids.child);
    expect(outcome.errorKind).toBe('timeout');
    expect(outcome.error).toMatch(/^the cursor-agent agent was killed after 1\.5 s/);
    expect(await waitFor(() => !isAlive(pids.agent) && !isAlive(pids.child))).toBe(true);
  });

  it('names the setting to fix when the binary is missing', async () => {
    const { outcome } = await run('success-with-edits', { bin: 'cursor-agent-missing' });
    expect(outcome.errorKind).toBe('unavailable');
    expect(outcome.error).toContain('agents.cursor-agent.bin');
  });

  it('fails on an unknown flag, as the real one would', async () => {
    const { worktree, outcome } = await run('success-with-edits', { extraArgs: ['--dangerously-allow-everything'] });
    expect(outcome.errorKind).toBe('crashed');
    expect(outcome.error).toContain("unknown option '--dangerously-allow-everything'");
    expect(fs.readFileSync(path.join(worktree, 'src/calc.py'), 'utf8')).toContain('a - b');
  });
});
