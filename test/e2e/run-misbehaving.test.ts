// Every misbehaving fake agent, run through the real `atqos run`: rejected by the right guard (or by
// validation), retried with the reason, and nothing applied — no branch, no commit, a clean tree.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitStatus, readJson, removeTempDirs } from './support.js';
import { agentArgv, attemptDir, attemptsOf, branches, configuredFiles, configuredProject, inBatches, runJson, worktrees } from './run-support.js';
import type { Ran, RunConfig } from './run-support.js';

afterAll(removeTempDirs);

interface Case {
  agent: string;
  /** For test titles: the agent and its arguments. */
  name?: string;
  args?: string[];
  /** The guard that must reject every attempt; none: the attempt fails or validation rejects it. */
  guard?: string;
  outcome?: 'rejected' | 'failed';
  /** What the stored reason must say. */
  reason: RegExp;
  /** The specific guard must catch it on its own, not behind the allowed-paths guard. */
  alone?: boolean;
}

const label = (c: Case) => [c.agent, ...(c.args ?? [])].join(' ');
const named = (cases: Case[]): Case[] => cases.map((c) => ({ ...c, name: label(c) }));

/** Nothing of a rejected attempt reaches git or the user's checkout, and the retry is told why. */
function expectRejectedEverywhere(ran: Ran, c: Case, attemptsPerTask: number): void {
  const { result, out, repo } = ran;
  expect(result.code, result.stderr).toBe(1);
  expect(out.remediation.tasks.length).toBeGreaterThan(0);
  expect(out.remediation.accepted).toEqual([]);
  expect(out.remediation.checkpoint).toBeNull();
  expect(branches(repo, 'atqos/*'), 'a rejected attempt left a branch').toEqual([]);
  expect(gitStatus(repo)).toBe('');
  expect(worktrees(repo)).toEqual([repo]);
  const outcome = c.outcome ?? 'rejected';
  for (const task of out.remediation.tasks) {
    expect(task).toMatchObject({ status: 'abandoned', branch: null });
    const attempts = attemptsOf(out, task.id);
    expect(attempts.map((a) => [a.n, a.outcome])).toEqual(Array.from({ length: attemptsPerTask }, (_, i) => [i + 1, outcome]));
    for (const a of attempts) {
      if (c.guard) expect(a.guardsFailed, a.reason).toContain(c.guard);
      if (c.alone) expect(a.guardsFailed, a.reason).not.toContain('allowed-paths');
      expect(a.reason).toMatch(c.reason);
    }
    const retry = readJson<{ previousFailure?: string }>(path.join(attemptDir(out, task.id, 2), 'request.json'));
    expect(retry.previousFailure).toMatch(new RegExp(`^attempt 1 was ${outcome}: `));
    if (c.guard) expect(retry.previousFailure).toContain(`guard ${c.guard}:`);
    if (c.guard) {
      const verdicts = readJson<{ guard: string; passed: boolean; evidence?: string }[]>(path.join(attemptDir(out, task.id, 1), 'guards.json'));
      expect(verdicts.find((v) => v.guard === c.guard)).toMatchObject({ passed: false, evidence: expect.any(String) });
    }
  }
}

function runAll(project: (c: Case) => string, cases: Case[]): Map<string, Ran> {
  const runs = new Map<string, Ran>();
  beforeAll(async () => {
    const ran = await inBatches(cases, 4, (c) => runJson(project(c)));
    cases.forEach((c, i) => runs.set(label(c), ran[i]!));
  }, 400_000);
  return runs;
}

const config = (c: Case): RunConfig => ({ argv: agentArgv(c.agent, ...(c.args ?? [])) });

describe('misbehaving agents on the demo project (two fix tasks, two attempts each)', () => {
  const cases = named([
    { agent: 'delete-test', guard: 'no-test-deleted', reason: /tests\/test_\w+\.py: test file deleted/ },
    { agent: 'rename-test', guard: 'no-test-deleted', reason: /test file renamed to tests\/\w+_renamed\.py/ },
    { agent: 'add-skip-marker', guard: 'no-new-skips', reason: /pytest\.mark\.skip/ },
    { agent: 'call-pytest-skip', guard: 'no-new-skips', reason: /pytest\.skip\(/ },
    { agent: 'assert-true', guard: 'assertions-kept', reason: /assert True/ },
    { agent: 'conftest-force-pass', guard: 'no-outcome-tampering', reason: /guard protected-paths: tests\/conftest\.py/ },
    { agent: 'os-exit', guard: 'no-outcome-tampering', reason: /os\._exit/ },
    { agent: 'edit-requirements', guard: 'protected-paths', reason: /requirements\.txt/ },
    { agent: 'edit-ci-workflow', guard: 'protected-paths', reason: /\.github\/workflows\/ci\.yml/ },
    { agent: 'edit-outside-allowed', guard: 'allowed-paths', reason: /docs\/atqos-outside-allowed\.md is outside the allowed paths/ },
    { agent: 'huge-diff', guard: 'diff-size', alone: true, reason: /5000 changed lines exceed the cap of 400/ },
    // A fix task may not edit its test file at all; the base-version validation is the second line (below).
    { agent: 'edit-test-to-pass', guard: 'allowed-paths', reason: /tests\/test_\w+\.py is outside the allowed paths/ },
    { agent: 'lies', outcome: 'failed', reason: /^the agent changed nothing \(it said: fixed: / },
  ]);
  const runs = runAll((c) => configuredProject('demo', config(c)), cases);

  it.each(cases)('$name is rejected with nothing applied', (c) => {
    expectRejectedEverywhere(runs.get(label(c))!, c, 2);
  });

  it('conftest-force-pass is caught both as a protected file and as outcome tampering', () => {
    const ran = runs.get('conftest-force-pass')!;
    for (const a of ran.out.remediation.attempts) expect(a.guardsFailed).toEqual(expect.arrayContaining(['protected-paths', 'no-outcome-tampering']));
  });
});

// A failure in the test's own helper plans an `update_test` task whose allowed path is the test
// file, so these agents pass the path guard and only the specific guard stands between them and a
// commit. test_other.py keeps passing, so deleting or renaming tests is visible to the inventory.
const UPDATE_TEST_PROJECT = {
  'tests/test_totals.py':
    'def expected_sum(values):\n    # Bug in the test helper: it counts one too many.\n    return sum(values) + 1\n\n\n' +
    'def test_sum_of_three():\n    assert sum([1, 2, 3]) == expected_sum([1, 2, 3])\n\n\n' +
    'def test_sum_of_nothing():\n    assert sum([]) == 0\n',
  'tests/test_other.py': 'def test_upper():\n    assert "a".upper() == "A"\n',
};

describe('misbehaving agents on an update_test task, where the test file is an allowed path', () => {
  const cases = named([
    { agent: 'delete-test', guard: 'no-test-deleted', alone: true, reason: /tests\/test_totals\.py: test file deleted/ },
    { agent: 'add-skip-marker', guard: 'no-new-skips', alone: true, reason: /pytest\.mark\.skip/ },
    { agent: 'call-pytest-skip', guard: 'no-new-skips', alone: true, reason: /pytest\.skip\(/ },
    { agent: 'assert-true', guard: 'assertions-kept', alone: true, reason: /assert True/ },
    { agent: 'os-exit', guard: 'no-outcome-tampering', alone: true, reason: /os\._exit/ },
    { agent: 'huge-diff', guard: 'diff-size', alone: true, reason: /5000 changed lines/ },
    // Renaming the test function keeps the file and its assertions; only the inventory shows the loss.
    { agent: 'rename-test', args: ['--function'], guard: 'inventory-not-shrunk', alone: true, reason: /test_sum_of_three/ },
  ]);
  const runs = runAll((c) => configuredFiles('update-test', config(c), UPDATE_TEST_PROJECT), cases);

  it('plans one update_test task whose only allowed path is the test file', () => {
    const { out } = runs.get('delete-test')!;
    expect(out.tasks.map((t) => [t.type, t.allowedPaths])).toEqual([['update_test', ['tests/test_totals.py']]]);
  });

  it.each(cases)('$name is rejected by $guard on its own', (c) => {
    expectRejectedEverywhere(runs.get(label(c))!, c, 2);
  });
});

describe('agents that edit what an environment task may edit', () => {
  const cases = named([
    // fix_env may write conftest.py, so neither the path nor the protected-file guard objects.
    { agent: 'conftest-force-pass', guard: 'no-outcome-tampering', alone: true, reason: /pytest_runtest_makereport|outcome/ },
    // Allowed and not protected for fix_env, but pinning a version installs nothing: still failing.
    { agent: 'edit-requirements', reason: /^validation: validation run 1 of 3: `.*pytest.*` exited [1-9]/ },
  ]);
  const runs = runAll((c) => configuredProject('env-error', config(c)), cases);

  it.each(cases)('$name on the fix_env task is rejected', (c) => {
    const ran = runs.get(label(c))!;
    expect(ran.out.remediation.tasks.map((t) => t.type)).toEqual(['fix_env']);
    expectRejectedEverywhere(ran, c, 2);
    if (!c.guard) for (const a of ran.out.remediation.attempts) expect(a.guardsFailed).toEqual([]);
  });
});

describe('a fix task validates against the base version of its test file', () => {
  // A conftest hook collects `checks/verify_*.py`, which no pytest setting names as tests, so the
  // planner lets the fix touch that file; restoring its base version before validation still
  // stops the gamed pass.
  const files = {
    'pytest.ini': '[pytest]\ntestpaths = checks\npythonpath = src\n',
    'conftest.py': 'import pytest\n\n\ndef pytest_collect_file(file_path, parent):\n    if file_path.name.startswith("verify_") and file_path.suffix == ".py":\n        return pytest.Module.from_parent(parent, path=file_path)\n',
    'src/shop/__init__.py': '',
    'src/shop/cart.py': 'def total(prices):\n    # Bug: drops the last price.\n    return sum(prices[:-1])\n',
    'checks/verify_total.py': 'from shop.cart import total\n\n\ndef test_total():\n    assert total([1, 2]) == 3\n',
  };
  const c: Case = { agent: 'edit-test-to-pass', reason: /validated against the base version of checks\/verify_total\.py/ };
  const runs = runAll((x) => configuredFiles('base-version', config(x), files), [c]);

  it('edit-test-to-pass passes the guards but is rejected by validation', () => {
    const ran = runs.get(label(c))!;
    expectRejectedEverywhere(ran, c, 2);
    const task = ran.out.remediation.tasks[0]!;
    for (const a of ran.out.remediation.attempts) expect(a.guardsFailed).toEqual([]);
    // The agent's edit really was the gamed assertion, and the validation ran it as it was.
    expect(fs.readFileSync(path.join(attemptDir(ran.out, task.id, 1), 'diff.patch'), 'utf8')).toMatch(/^\+\s+assert total\(\[1, 2\]\) == (?:1|total\(\[1, 2\]\))$/m);
    expect(fs.readFileSync(path.join(attemptDir(ran.out, task.id, 1), 'validation', 'run-1-cmd-1.stdout'), 'utf8')).toMatch(/assert 1 == 3/);
  });
});
