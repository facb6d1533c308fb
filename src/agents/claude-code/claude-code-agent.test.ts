import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive, killLeftovers, waitFor } from '../../runner/test-support.js';
import { makeRequest, snapshot, tempDir } from '../test-support.js';
import { cliCtx, fakeCli, fixScript, gitWorktree, readJson } from '../cli-agent/test-support.js';
import type { CliAgentOutcome } from '../cli-agent/types.js';
import { createClaudeCodeAgent } from './claude-code-agent.js';
import { ClaudeCodeOptions } from './options.js';

const leftovers: number[] = [];
afterEach(() => killLeftovers(leftovers));

const SECRET = 'sk-ant-test-0123456789abcdef';

async function run(scenario: string, opts: Partial<ClaudeCodeOptions> = {}, requestOverrides = {}) {
  const worktree = gitWorktree();
  const record = path.join(tempDir(), 'record.json');
  const { attemptDir, ctx } = cliCtx({ FAKE_CLI_SCENARIO: scenario, FAKE_CLI_EDITS: fixScript(), FAKE_CLI_RECORD: record, ANTHROPIC_API_KEY: SECRET });
  const agent = createClaudeCodeAgent(ClaudeCodeOptions.parse({ bin: fakeCli('claude'), ...opts }));
  const outcome: CliAgentOutcome = await agent.attempt(makeRequest(worktree, requestOverrides), ctx);
  return { worktree, attemptDir, outcome, record };
}

describe('claude-code agent (fake claude CLI)', () => {
  it('applies the edits, parses the result and records cost, tokens, turns and the session', async () => {
    const { worktree, attemptDir, outcome, record } = await run('success-with-edits', {}, { budget: { maxUsd: 2 } });
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toEqual({ status: 'fixed', summary: 'fixed the subtraction in add()', filesChanged: ['src/calc.py'] });
    expect(fs.readFileSync(path.join(worktree, 'src/calc.py'), 'utf8')).toContain('a + b');
    expect(outcome.cost).toEqual({ usd: 0.0421, inputTokens: 1200 + 300 + 4000, outputTokens: 850, turns: 7 });
    expect(outcome.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(outcome.exec?.exitCode).toBe(0);
    expect(readJson(path.join(attemptDir, 'result.json'))).toMatchObject({ result: outcome.result, cost: outcome.cost });

    const seen = readJson<{ argv: string[]; cwd: string; env: string[]; prompt: string; stdinPrompt: boolean }>(record);
    expect(seen.stdinPrompt).toBe(true);
    expect(seen.prompt).toContain('# fix it');
    expect(seen.prompt).toBe(fs.readFileSync(path.join(attemptDir, 'prompt.md'), 'utf8'));
    expect(fs.realpathSync(seen.cwd)).toBe(fs.realpathSync(worktree));
    expect(seen.env).toContain('ANTHROPIC_API_KEY');
    expect(seen.argv).toContain('--max-budget-usd');
  });

  it('stores the exact argv and only the names of the environment in invocation.json', async () => {
    const { attemptDir, outcome } = await run('success-no-edits');
    const invocation = readJson<{ argv: string[]; env: string[]; stdin: string }>(path.join(attemptDir, 'invocation.json'));
    expect(invocation.argv).toEqual(outcome.exec?.argv);
    expect(invocation.env).toContain('ANTHROPIC_API_KEY');
    expect(invocation.stdin).toBe('prompt.md');
    for (const name of fs.readdirSync(attemptDir)) {
      expect(fs.readFileSync(path.join(attemptDir, name), 'utf8'), name).not.toContain(SECRET);
    }
  });

  it('reports a run without edits as the agent said, leaving the worktree alone', async () => {
    const worktree = gitWorktree();
    const before = snapshot(path.join(worktree, 'src'));
    const { ctx } = cliCtx({ FAKE_CLI_SCENARIO: 'success-no-edits' });
    const outcome = await createClaudeCodeAgent(ClaudeCodeOptions.parse({ bin: fakeCli('claude') })).attempt(makeRequest(worktree), ctx);
    expect(outcome.error).toBeUndefined();
    expect(outcome.result?.status).toBe('gave_up');
    expect(snapshot(path.join(worktree, 'src'))).toEqual(before);
  });

  it.each([
    ['max-turns', 'max_turns', /turn limit \(--max-turns\) after 4 turns/],
    ['max-budget', 'max_budget', /cost budget \(--max-budget-usd\) after spending \$0\.26/],
    ['execution-error', 'execution_error', /failed during execution: API Error: 529/],
    ['auth-error', 'auth', /could not authenticate .*set ANTHROPIC_API_KEY/],
    ['success-no-json', 'no_result', /finished but its final message holds no result JSON/],
    ['garbage', 'garbage', /printed no result object/],
    ['exit-nonzero-no-json', 'crashed', /exited with code 1 \(fake claude: segmentation fault in the native module\)/],
  ])('%s → %s, without throwing', async (scenario, kind, message) => {
    const { attemptDir, outcome } = await run(scenario, { maxTurns: 3 }, { budget: { maxUsd: 0.25 } });
    expect(outcome.result).toBeUndefined();
    expect(outcome.errorKind).toBe(kind);
    expect(outcome.error).toMatch(message);
    expect(readJson(path.join(attemptDir, 'result.json'))).toMatchObject({ error: outcome.error, errorKind: kind });
  });

  it('kills a hanging claude and its child at the timeout', async () => {
    const pidsFile = path.join(tempDir(), 'pids.json');
    const { ctx } = cliCtx({ FAKE_CLI_SCENARIO: 'hang', FAKE_CLI_PIDS: pidsFile });
    const started = Date.now();
    const outcome = await createClaudeCodeAgent(ClaudeCodeOptions.parse({ bin: fakeCli('claude') })).attempt(makeRequest(gitWorktree(), { timeoutMs: 1500 }), ctx);
    const pids = readJson<{ agent: number; child: number }>(pidsFile);
    leftovers.push(pids.agent, pids.child);
    expect(outcome.exec?.timedOut).toBe(true);
    expect(outcome.errorKind).toBe('timeout');
    expect(outcome.error).toMatch(/^the claude-code agent was killed after 1\.5 s/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await waitFor(() => !isAlive(pids.agent) && !isAlive(pids.child))).toBe(true);
  });

  it('names the setting to fix when the binary is missing', async () => {
    const { outcome } = await run('success-with-edits', { bin: 'claude-not-installed-here' });
    expect(outcome.exec?.failedToStart).toBe(true);
    expect(outcome.errorKind).toBe('unavailable');
    expect(outcome.error).toContain("'claude-not-installed-here' not found on PATH");
    expect(outcome.error).toContain('agents.claude-code.bin');
  });

  it('fails on a flag the CLI does not know, as the real one would', async () => {
    const { worktree, outcome } = await run('success-with-edits', { extraArgs: ['--bogus-flag'] });
    expect(outcome.exec?.exitCode).toBe(1);
    expect(outcome.errorKind).toBe('crashed');
    expect(outcome.error).toContain("unknown option '--bogus-flag'");
    expect(fs.readFileSync(path.join(worktree, 'src/calc.py'), 'utf8')).toContain('a - b');
  });
});
