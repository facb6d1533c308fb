// A repo whose pytest.ini says `python_files = check_*.py`: the guards must know its test files
// from that config, through the matcher the plugin gives the engine (real git, real pytest).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskType } from '../../../src/core/index.js';
import { buildGuards, runGuards } from '../../../src/guards/index.js';
import { makeTask } from '../../../src/guards/test-support.js';
import { isPytestTestFile } from '../test-files.js';
import { collectIds, guardInput, projectRepo, type FixtureRepo } from './attempt-fixture.js';
import { pytestGuards, pytestProtectedPaths } from './index.js';

const guards = buildGuards({ pluginGuards: pytestGuards, pluginProtected: pytestProtectedPaths });
// Outside tests/: only python_files makes it a test module.
const API = 'integration/check_api.py';
const EXTRA = {
  [API]: 'def test_status():\n    status = 200\n    assert status == 200\n    assert status < 300\n',
  'src/calc/report.py': 'def summary(values):\n    total = sum(values)\n    assert total >= 0\n    return f"total={total}"\n',
};
const repos: FixtureRepo[] = [];
let inventory: string[];

beforeAll(() => {
  const pristine = projectRepo('custom-test-files', EXTRA);
  repos.push(pristine);
  inventory = collectIds(pristine.dir);
  expect([...inventory].sort()).toEqual([`${API}::test_status`, 'tests/check_math.py::test_mean_keeps_fractions', 'tests/check_math.py::test_total']);
});
afterAll(() => {
  for (const r of repos) fs.rmSync(r.dir, { recursive: true, force: true });
});

function attempt(type: TaskType, allowed: string[], agent: (repo: FixtureRepo) => void) {
  const repo = projectRepo('custom-test-files', EXTRA);
  repos.push(repo);
  agent(repo);
  const input = guardInput(repo, makeTask(type, allowed), inventory);
  const failedBy = (inputs: typeof input) => Object.fromEntries(runGuards(guards, inputs).filter((v) => !v.passed).map((v) => [v.guard, v.evidence ?? '']));
  return { failed: failedBy(input), failedWithDefaults: failedBy({ ...input, isTestFile: isPytestTestFile }) };
}

describe('guards with python_files = check_*.py', () => {
  it.each(['tests/check_math.py', API])('reject deleting %s', (file) => {
    const { failed } = attempt('update_test', ['**'], (r) => fs.rmSync(`${r.dir}/${file}`));
    expect(failed['no-test-deleted']).toBe(`${file}: test file deleted`);
  });

  it('reject removing an assertion from a check_*.py module', () => {
    const { failed, failedWithDefaults } = attempt('update_test', ['**'], (r) => r.edit(API, '    assert status < 300\n', ''));
    expect(failed).toEqual({
      'assertions-kept': `${API}: assertions went from 2 to 1 (lost ones at their base lines):\n  lost ${API}:4 (in test_status): assert: assert status < 300`,
    });
    // The default patterns would not see a test module there: the config is what caught it.
    expect(failedWithDefaults).toEqual({});
  });

  it('reject removing the failing assertion of tests/check_math.py', () => {
    const { failed } = attempt('update_test', ['**'], (r) => r.edit('tests/check_math.py', '    assert mean([1, 2]) == 1.5\n', '    mean([1, 2])\n'));
    expect(Object.keys(failed)).toEqual(['assertions-kept']);
    expect(failed['assertions-kept']).toMatch(/^tests\/check_math\.py: assertions went from 2 to 1/);
  });

  it('let the same edits to a module that is not a test pass', () => {
    expect(attempt('fix', ['src/**'], (r) => r.edit('src/calc/report.py', '    assert total >= 0\n', '')).failed).toEqual({});
    expect(attempt('fix', ['src/**'], (r) => fs.rmSync(`${r.dir}/src/calc/report.py`)).failed).toEqual({});
  });

  it('catch a deleted check module only because of the config', () => {
    const { failed, failedWithDefaults } = attempt('update_test', ['**'], (r) => fs.rmSync(`${r.dir}/${API}`));
    expect(failed['no-test-deleted']).toBe(`${API}: test file deleted`);
    expect(failedWithDefaults['no-test-deleted']).toBeUndefined();
    // The collected inventory shrinks either way: pytest itself collected the module.
    expect(failed['inventory-not-shrunk']).toBe(`1 of 3 collected tests are no longer collected:\n${API}::test_status`);
  });
});
