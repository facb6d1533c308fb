// `atqos run` with agents that really fix the demo project: validated, trailer-carrying branches,
// a checkpoint that proves them, and the user's checkout untouched.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, gitStatus, readJson, removeTempDirs, tempDir, writeFiles } from './support.js';
import { agentArgv, attemptDir, attemptsOf, branches, changedFiles, configuredProject, DEMO_FIXES, gitIn, runJson, worktrees } from './run-support.js';
import type { Ran } from './run-support.js';

afterAll(removeTempDirs);

const TRAILERS = ['ATQOS-Run', 'ATQOS-Task', 'ATQOS-Finding', 'ATQOS-Agent', 'ATQOS-Attempt'] as const;
const ARTIFACTS = ['request.json', 'instructions.md', 'agent.stdout', 'agent.stderr', 'result.json', 'diff.patch', 'guards.json', 'attempt.json'];

function trailers(repo: string, ref: string): Record<string, string> {
  const body = gitIn(repo, ['log', '-1', '--format=%B', ref]);
  return Object.fromEntries([...body.matchAll(/^(ATQOS-[A-Za-z]+): (.*)$/gm)].map((m) => [m[1], m[2]]));
}

describe('atqos run on the demo project with a scripted agent that applies the right patch', () => {
  let ran: Ran;
  let headBefore: string;

  beforeAll(async () => {
    const repo = configuredProject('demo', { argv: agentArgv('apply-patch', '--only-allowed', '--script', DEMO_FIXES) });
    headBefore = gitIn(repo, ['rev-parse', 'HEAD']).trim();
    ran = await runJson(repo);
  }, 120_000);

  it('exits 0: every failure was fixed at a trustworthy checkpoint (4 → 0)', () => {
    expect(ran.result.code, ran.result.stderr).toBe(0);
    const cp = ran.out.remediation.checkpoint;
    expect(cp).not.toBeNull();
    expect(cp).toMatchObject({ failingBefore: 4, failingAfter: 0, trustworthy: true, introduced: [], conflicted: [] });
    expect(cp!.fixed).toHaveLength(4);
    expect(ran.out.remediation.stopReason).toBeNull();
  });

  it('both fix tasks succeed on their first attempt, nothing rejected', () => {
    const { tasks, attempts } = ran.out.remediation;
    expect(tasks.map((t) => [t.type, t.status])).toEqual([['fix', 'succeeded'], ['fix', 'succeeded']]);
    expect(attempts.map((a) => [a.n, a.outcome, a.guardsFailed])).toEqual([[1, 'accepted', []], [1, 'accepted', []]]);
  });

  it('leaves one atqos/fix/* branch per task whose tip commit carries all five trailers', () => {
    const { repo, out } = ran;
    const fixBranches = branches(repo, 'atqos/fix/*');
    expect(fixBranches.sort()).toEqual(out.remediation.tasks.map((t) => t.branch).sort());
    for (const task of out.remediation.tasks) {
      const branch = task.branch!;
      expect(branch).toMatch(/^atqos\/fix\/[0-9a-f]{12}$/);
      const t = trailers(repo, branch);
      expect(Object.keys(t).sort(), gitIn(repo, ['log', '-1', '--format=%B', branch])).toEqual([...TRAILERS].sort());
      expect(t).toMatchObject({ 'ATQOS-Run': out.runId, 'ATQOS-Task': task.id, 'ATQOS-Agent': 'command', 'ATQOS-Attempt': '1' });
      const fingerprints = t['ATQOS-Finding']!.split(/,\s*/);
      // The branch name is stable per finding: the first 12 hex digits of one of the task's fingerprints.
      expect(fingerprints.map((f) => f.slice(0, 12))).toContain(branch.slice('atqos/fix/'.length));
      const accepted = out.remediation.accepted.find((a) => a.task === task.id);
      expect(accepted?.commit).toBe(gitIn(repo, ['rev-parse', branch]).trim());
    }
  });

  it('each branch changes only the code under test, and holds the fix', () => {
    const { repo, out } = ran;
    for (const task of out.remediation.tasks) {
      const files = changedFiles(repo, task.branch!);
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) expect(f).toMatch(/^src\/shop\/[^/]+\.py$/);
    }
    const all = out.remediation.tasks.flatMap((t) => changedFiles(repo, t.branch!)).sort();
    expect(all).toEqual(['src/shop/cart.py', 'src/shop/shipping.py']);
    const integration = out.remediation.checkpoint!.integrationBranch;
    expect(branches(repo, integration)).toEqual([integration]);
    expect(gitIn(repo, ['show', `${integration}:src/shop/shipping.py`])).toContain('if weight_kg <= limit:');
    expect(gitIn(repo, ['show', `${integration}:src/shop/cart.py`])).toContain('(1 - self.discount_percent / 100)');
  });

  it("never touches the user's checkout: clean tree, same HEAD, no extra worktrees, no scratch branches", () => {
    const { repo } = ran;
    expect(gitStatus(repo)).toBe('');
    expect(gitIn(repo, ['rev-parse', 'HEAD']).trim()).toBe(headBefore);
    expect(fs.readFileSync(path.join(repo, 'src/shop/shipping.py'), 'utf8')).toContain('if weight_kg < limit:');
    expect(worktrees(repo)).toEqual([repo]);
    expect(branches(repo, 'atqos/work/*')).toEqual([]);
  });

  it('keeps every artifact of each attempt, the validation repeated 3 times', () => {
    for (const task of ran.out.remediation.tasks) {
      const dir = attemptDir(ran.out, task.id, 1);
      for (const f of ARTIFACTS) expect(fs.existsSync(path.join(dir, f)), `${dir}/${f}`).toBe(true);
      const validation = fs.readdirSync(path.join(dir, 'validation')).filter((f) => f.endsWith('.stdout')).sort();
      expect(validation).toEqual(['run-1-cmd-1.stdout', 'run-2-cmd-1.stdout', 'run-3-cmd-1.stdout']);
      expect(fs.readFileSync(path.join(dir, 'validation', 'run-3-cmd-1.stdout'), 'utf8')).toMatch(/\d+ passed/);
      expect(fs.readFileSync(path.join(dir, 'diff.patch'), 'utf8')).toMatch(/^diff --git a\/src\/shop\//);
      expect(readJson<{ outcome: string }>(path.join(dir, 'attempt.json')).outcome).toBe('accepted');
      expect(readJson<{ taskId: string }>(path.join(dir, 'request.json')).taskId).toBe(task.id);
    }
  });

  it('a second run updates the same branches instead of adding new ones', async () => {
    const before = branches(ran.repo, 'atqos/fix/*');
    const again = await runJson(ran.repo);
    expect(again.result.code, again.result.stderr).toBe(0);
    expect(again.out.runId).not.toBe(ran.out.runId);
    expect(branches(ran.repo, 'atqos/fix/*')).toEqual(before);
    expect(again.out.remediation.tasks.map((t) => t.branch).sort()).toEqual(ran.out.remediation.tasks.map((t) => t.branch).sort());
    expect(branches(ran.repo, 'atqos/fix/*')).toHaveLength(2);
    for (const t of again.out.remediation.tasks) expect(trailers(ran.repo, t.branch!)['ATQOS-Run']).toBe(again.out.runId);
    expect(gitStatus(ran.repo)).toBe('');
    expect(worktrees(ran.repo)).toEqual([ran.repo]);
  }, 120_000);
});

describe('atqos run with an agent that gets it right only when told why it failed', () => {
  const CART_BUG = 'return round(self.subtotal() - self.discount_percent, 2)';
  let ran: Ran;

  beforeAll(async () => {
    const demoFixes = readJson<{ path: string; find: string; replace: string }[]>(DEMO_FIXES);
    const script = path.join(tempDir('second-try-script'), 'script.json');
    writeFiles(path.dirname(script), {
      'script.json': JSON.stringify({
        // Still wrong: a tenth of the percentage is subtracted as an amount.
        wrong: [{ path: 'src/shop/cart.py', find: CART_BUG, replace: 'return round(self.subtotal() - self.discount_percent / 100, 2)' }],
        right: demoFixes.filter((e) => e.path === 'src/shop/cart.py'),
      }),
    });
    // Shipping is already fixed in this copy, so the cart is the only task.
    const fixedShipping = fs.readFileSync(path.join(FIXTURES, 'projects/demo/src/shop/shipping.py'), 'utf8').replace('if weight_kg < limit:', 'if weight_kg <= limit:');
    const repo = configuredProject('demo', { argv: agentArgv('fix-on-second-try', '--script', script) }, { 'src/shop/shipping.py': fixedShipping });
    ran = await runJson(repo);
  }, 120_000);

  it('rejects attempt 1 by validation, accepts attempt 2, and the task succeeds', () => {
    expect(ran.result.code, ran.result.stderr).toBe(0);
    const [task, ...others] = ran.out.remediation.tasks;
    expect(others).toEqual([]);
    expect(task).toMatchObject({ type: 'fix', status: 'succeeded' });
    const [first, second, ...more] = attemptsOf(ran.out, task!.id);
    expect(more).toEqual([]);
    expect(first).toMatchObject({ n: 1, outcome: 'rejected', guardsFailed: [] });
    expect(first!.reason).toMatch(/^validation: /);
    expect(second).toMatchObject({ n: 2, outcome: 'accepted' });
    expect(trailers(ran.repo, task!.branch!)['ATQOS-Attempt']).toBe('2');
    expect(ran.out.remediation.checkpoint).toMatchObject({ failingBefore: 2, failingAfter: 0, trustworthy: true });
  });

  it("attempt 2's request says why attempt 1 failed", () => {
    const task = ran.out.remediation.tasks[0]!;
    const req1 = readJson<{ previousFailure?: string }>(path.join(attemptDir(ran.out, task.id, 1), 'request.json'));
    const req2 = readJson<{ previousFailure?: string; attempt: number }>(path.join(attemptDir(ran.out, task.id, 2), 'request.json'));
    expect(req1.previousFailure).toBeUndefined();
    expect(req2.attempt).toBe(2);
    expect(req2.previousFailure).toMatch(/^attempt 1 was rejected: validation: /);
    expect(fs.readFileSync(path.join(attemptDir(ran.out, task.id, 2), 'instructions.md'), 'utf8')).toContain('attempt 1 was rejected');
  });

  it('the accepted branch holds the right fix, not the first guess', () => {
    const task = ran.out.remediation.tasks[0]!;
    const cart = gitIn(ran.repo, ['show', `${task.branch}:src/shop/cart.py`]);
    expect(cart).toContain('(1 - self.discount_percent / 100)');
    expect(cart).not.toContain('self.discount_percent / 100, 2)');
    expect(gitStatus(ran.repo)).toBe('');
    expect(branches(ran.repo, 'atqos/work/*')).toEqual([]);
  });
});

describe("atqos run on a detached HEAD with the user's uncommitted work", () => {
  it('fixes from the commit, leaves the dirty tree and the detached HEAD exactly as they were', async () => {
    const repo = configuredProject('demo', { argv: agentArgv('apply-patch', '--only-allowed', '--script', DEMO_FIXES) });
    gitIn(repo, ['checkout', '-q', '--detach']);
    fs.appendFileSync(path.join(repo, 'src/shop/cart.py'), '# work in progress, not committed\n');
    writeFiles(repo, { 'notes.txt': 'untracked notes\n' });
    const statusBefore = gitStatus(repo);
    const head = gitIn(repo, ['rev-parse', 'HEAD']).trim();
    const ran = await runJson(repo);
    expect(ran.result.code, ran.result.stderr).toBe(0);
    expect(gitStatus(repo)).toBe(statusBefore);
    expect(fs.readFileSync(path.join(repo, 'src/shop/cart.py'), 'utf8')).toMatch(/# work in progress, not committed\n$/);
    expect(gitIn(repo, ['rev-parse', 'HEAD']).trim()).toBe(head);
    expect(gitIn(repo, ['symbolic-ref', '-q', '--short', 'HEAD'], true)).toBe('');
    const cartBranch = ran.out.remediation.tasks.find((t) => t.title.includes('test_cart'))!.branch!;
    expect(gitIn(repo, ['rev-parse', `${cartBranch}~1`]).trim()).toBe(head);
    expect(gitIn(repo, ['show', `${cartBranch}:src/shop/cart.py`])).not.toContain('work in progress');
    expect(worktrees(repo)).toEqual([repo]);
  }, 120_000);
});
