import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive, killLeftovers, waitFor } from '../../runner/test-support.js';
import { makeRequest, tempDir, tempProject } from '../test-support.js';
import { cliCtx, fakeCli, fixScript, gitWorktree, readJson } from '../cli-agent/test-support.js';
import type { CliAgentOutcome } from '../cli-agent/types.js';
import { createCodexAgent } from './codex-agent.js';
import { CodexOptions } from './options.js';

const leftovers: number[] = [];
afterEach(() => killLeftovers(leftovers));

async function run(scenario: string, opts: Partial<CodexOptions> = {}, worktree = gitWorktree()) {
  const record = path.join(tempDir(), 'record.json');
  const { attemptDir, ctx } = cliCtx({ FAKE_CLI_SCENARIO: scenario, FAKE_CLI_EDITS: fixScript(), FAKE_CLI_RECORD: record, OPENAI_API_KEY: 'sk-test-openai' });
  const agent = createCodexAgent(CodexOptions.parse({ bin: fakeCli('codex'), ...opts }));
  const outcome: CliAgentOutcome = await agent.attempt(makeRequest(worktree), ctx);
  return { worktree, attemptDir, outcome, record };
}

describe('codex agent (fake codex CLI)', () => {
  it('applies the edits in the worktree, reads the last-message file, sums tokens; no USD', async () => {
    const { worktree, attemptDir, outcome, record } = await run('success-with-edits');
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toEqual({ status: 'fixed', summary: 'fixed the subtraction in add()', filesChanged: ['src/calc.py'], notes: '' });
    expect(fs.readFileSync(path.join(worktree, 'src/calc.py'), 'utf8')).toContain('a + b');
    expect(outcome.cost).toEqual({ inputTokens: 24763, outputTokens: 1122, turns: 1 });
    expect(outcome.filesTouched).toEqual([path.join(worktree, 'src/calc.py')]);
    expect(outcome.sessionId).toBeDefined();
    expect(fs.readFileSync(path.join(attemptDir, 'codex-last-message.txt'), 'utf8')).toContain('"status":"fixed"');
    expect(readJson(path.join(attemptDir, 'codex-output-schema.json'))).toMatchObject({ additionalProperties: false });

    const seen = readJson<{ stdinPrompt: boolean; prompt: string; root: string; env: string[] }>(record);
    expect(seen.stdinPrompt).toBe(true);
    expect(seen.prompt).toContain('# fix it');
    expect(seen.root).toBe(worktree);
    expect(seen.env).toContain('OPENAI_API_KEY');
    expect(readJson<{ argv: string[] }>(path.join(attemptDir, 'invocation.json')).argv).toEqual(outcome.exec?.argv);
  });

  it('does not take a stale last-message file from an earlier run for this one', async () => {
    const worktree = gitWorktree();
    const { attemptDir, ctx } = cliCtx({ FAKE_CLI_SCENARIO: 'garbage' });
    fs.mkdirSync(attemptDir, { recursive: true });
    fs.writeFileSync(path.join(attemptDir, 'codex-last-message.txt'), '{"status":"fixed","summary":"old","filesChanged":[],"notes":""}');
    const outcome = await createCodexAgent(CodexOptions.parse({ bin: fakeCli('codex') })).attempt(makeRequest(worktree), ctx);
    expect(outcome.result).toBeUndefined();
    expect(outcome.errorKind).toBe('garbage');
  });

  it.each([
    ['success-no-edits', undefined, undefined],
    ['turn-failed', 'execution_error', /^codex turn failed: stream disconnected/],
    ['execution-error', 'execution_error', /^codex turn failed: exceeded retry limit/],
    ['auth-error', 'auth', /could not authenticate \(unexpected status 401/],
    ['success-no-json', 'no_result', /finished but its final message holds no result JSON/],
    ['garbage', 'garbage', /printed no JSONL events/],
    ['exit-nonzero-no-json', 'crashed', /exited with code 101 \(Error: thread panicked/],
  ])('%s → %s, without throwing', async (scenario, kind, message) => {
    const { attemptDir, outcome } = await run(scenario);
    expect(outcome.errorKind).toBe(kind);
    if (message) expect(outcome.error).toMatch(message);
    else expect(outcome.result?.status).toBe('gave_up');
    expect(fs.existsSync(path.join(attemptDir, 'result.json'))).toBe(true);
  });

  it('kills a hanging codex and its child at the timeout, keeping the tokens it reported', async () => {
    const pidsFile = path.join(tempDir(), 'pids.json');
    const { ctx } = cliCtx({ FAKE_CLI_SCENARIO: 'hang', FAKE_CLI_PIDS: pidsFile });
    const outcome = await createCodexAgent(CodexOptions.parse({ bin: fakeCli('codex') })).attempt(makeRequest(gitWorktree(), { timeoutMs: 1500 }), ctx);
    const pids = readJson<{ agent: number; child: number }>(pidsFile);
    leftovers.push(pids.agent, pids.child);
    expect(outcome.errorKind).toBe('timeout');
    expect(outcome.error).toMatch(/^the codex agent was killed after 1\.5 s/);
    expect(outcome.cost).toEqual({ inputTokens: 0, outputTokens: 0, turns: 0 });
    expect(await waitFor(() => !isAlive(pids.agent) && !isAlive(pids.child))).toBe(true);
  });

  it('names the setting to fix when the binary is missing', async () => {
    const { outcome } = await run('success-with-edits', { bin: '/nowhere/codex' });
    expect(outcome.errorKind).toBe('unavailable');
    expect(outcome.error).toContain("'/nowhere/codex' does not exist");
    expect(outcome.error).toContain('agents.codex.bin');
  });

  it('fails on a flag codex exec does not know, as the real one would (clap exit 2)', async () => {
    const { outcome } = await run('success-with-edits', { extraArgs: ['--ask-for-approval', 'never'] });
    expect(outcome.exec?.exitCode).toBe(2);
    expect(outcome.errorKind).toBe('crashed');
    expect(outcome.error).toContain("unexpected argument '--ask-for-approval' found");
  });

  it('fails outside a git repository, as codex does without --skip-git-repo-check', async () => {
    const { outcome } = await run('success-with-edits', {}, tempProject());
    expect(outcome.errorKind).toBe('crashed');
    expect(outcome.error).toContain('--skip-git-repo-check was not specified');
  });
});
