// Agents that hang, crash or print garbage: each attempt ends with a stated reason, the run
// finishes, and no agent process outlives it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitStatus, readJson, removeTempDirs } from './support.js';
import { agentArgv, attemptDir, branches, configuredProject, isRunning, runJson, worktrees } from './run-support.js';
import type { Ran } from './run-support.js';

afterAll(removeTempDirs);

function expectFinishedWithNothingApplied(ran: Ran): void {
  expect(ran.result.code, ran.result.stderr).toBe(1);
  expect(ran.out.status).toBe('finished');
  expect(ran.out.remediation.accepted).toEqual([]);
  expect(ran.out.remediation.tasks.map((t) => t.status)).toEqual(['abandoned', 'abandoned']);
  expect(branches(ran.repo, 'atqos/*')).toEqual([]);
  expect(gitStatus(ran.repo)).toBe('');
  expect(worktrees(ran.repo)).toEqual([ran.repo]);
}

describe('an agent that never finishes', () => {
  let ran: Ran;
  let seconds: number;

  beforeAll(async () => {
    const repo = configuredProject('demo', { argv: agentArgv('hang'), remediation: { attemptTimeoutSec: 3 } });
    const start = Date.now();
    ran = await runJson(repo);
    seconds = (Date.now() - start) / 1000;
  }, 120_000);

  it('times out every attempt after attemptTimeoutSec, and the run still finishes', () => {
    expectFinishedWithNothingApplied(ran);
    const { attempts } = ran.out.remediation;
    expect(attempts).toHaveLength(4);
    for (const a of attempts) {
      expect(a.outcome).toBe('timeout');
      expect(a.reason).toMatch(/killed after 3 s/);
    }
    // Two tasks run side by side, two attempts each: about 2 × 3 s of agent time, not forever.
    expect(seconds).toBeLessThan(45);
  });

  it('kills the agent and every process it started', async () => {
    const pids = ran.out.remediation.attempts.flatMap((a) => {
      const file = path.join(attemptDir(ran.out, a.task, a.n), 'hang-pids.json');
      expect(fs.existsSync(file), file).toBe(true);
      const { agent, child } = readJson<{ agent: number; child: number }>(file);
      return [agent, child];
    });
    expect(pids).toHaveLength(8);
    // Killed processes may linger a moment as zombies until reaped; give the reaper a little time.
    const deadline = Date.now() + 5_000;
    while (pids.some(isRunning) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(pids.filter(isRunning), 'still running after the run finished').toEqual([]);
  });

  it('tells the retry that the first attempt timed out', () => {
    const task = ran.out.remediation.tasks[0]!;
    const retry = readJson<{ previousFailure?: string }>(path.join(attemptDir(ran.out, task.id, 2), 'request.json'));
    expect(retry.previousFailure).toMatch(/^attempt 1 was timeout: .*killed after 3 s/);
  });
});

describe('a fallback chain (agents.fallback)', () => {
  let ran: Ran;

  beforeAll(async () => {
    // The fallback is not installed: its attempt fails at once with the setting to fix.
    const agentSections = { 'claude-code': { bin: '/nonexistent/claude' } };
    const repo = configuredProject('demo', { argv: agentArgv('hang'), fallback: ['builtin', 'claude-code'], agentSections, remediation: { attemptTimeoutSec: 3 } });
    ran = await runJson(repo);
  }, 120_000);

  it('gives the next attempt to the next agent after the first one timed out (skipping builtin, which has no fix for these tasks), and says so', () => {
    expectFinishedWithNothingApplied(ran);
    for (const task of ran.out.remediation.tasks) {
      const attempts = ran.out.remediation.attempts.filter((a) => a.task === task.id).sort((a, b) => a.n - b.n);
      expect(attempts.map((a) => [a.n, a.agent, a.outcome])).toEqual([[1, 'command', 'timeout'], [2, 'claude-code', 'failed']]);
      expect(attempts[1]!.reason).toContain('agents.claude-code.bin');
    }
    const events = fs.readFileSync(path.join(ran.out.runDir, 'events.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> });
    const fallbacks = events.filter((e) => e.type === 'agent.fallback').map((e) => [e.data.from, e.data.to, e.data.after]);
    expect(fallbacks).toEqual([['command', 'claude-code', 'timeout'], ['command', 'claude-code', 'timeout']]);
  });
});

describe('agents that crash or print garbage', () => {
  const runs = new Map<string, Ran>();
  beforeAll(async () => {
    const [garbage, exitNonzero] = await Promise.all(['garbage', 'exit-nonzero'].map((a) => runJson(configuredProject('demo', { argv: agentArgv(a) }))));
    runs.set('garbage', garbage!).set('exit-nonzero', exitNonzero!);
  }, 120_000);

  it('garbage: every attempt fails because no result JSON was printed', () => {
    const ran = runs.get('garbage')!;
    expectFinishedWithNothingApplied(ran);
    for (const a of ran.out.remediation.attempts) {
      expect(a.outcome).toBe('failed');
      expect(a.reason).toMatch(/printed no result JSON on its last line; see agent\.stdout/);
      expect(fs.readFileSync(path.join(attemptDir(ran.out, a.task, a.n), 'agent.stdout'), 'utf8')).toContain('fixed everything');
    }
  });

  it('exit-nonzero: every attempt fails naming the exit code, stderr kept', () => {
    const ran = runs.get('exit-nonzero')!;
    expectFinishedWithNothingApplied(ran);
    for (const a of ran.out.remediation.attempts) {
      expect(a.outcome).toBe('failed');
      expect(a.reason).toMatch(/exited with code 3 and printed no result JSON; see agent\.stderr/);
      expect(fs.readFileSync(path.join(attemptDir(ran.out, a.task, a.n), 'agent.stderr'), 'utf8')).toContain('model quota exceeded');
    }
  });
});
