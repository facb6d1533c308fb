import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AtqosError, fingerprint } from '../core/index.js';
import { assertBranchName, branchNameProblem, taskBranchName } from './branch-name.js';
import { setupEnv } from './test-support.js';

const gitAccepts = (name: string): boolean =>
  spawnSync('git', ['check-ref-format', '--branch', name], { env: setupEnv, cwd: setupEnv.HOME }).status === 0;

describe('taskBranchName', () => {
  it('is atqos/<type>/<first 12 hex of the fingerprint>, stable for the same finding', () => {
    const fp = fingerprint(['pytest', 'test_failure', 'tests/test_a.py::test_x', 'AssertionError']);
    const name = taskBranchName('fix', fp);
    expect(name).toBe(`atqos/fix/${fp.slice(0, 12)}`);
    expect(taskBranchName('fix', fp)).toBe(name);
    expect(taskBranchName('update_test', fp.toUpperCase())).toBe(`atqos/update_test/${fp.slice(0, 12)}`);
    expect(gitAccepts(name)).toBe(true);
  });

  it.each([
    ['fix/../../main', 'a'.repeat(40)],
    ['fix; rm -rf /', 'a'.repeat(40)],
    ['--force', 'a'.repeat(40)],
    ['fix', 'zzzzzzzzzzzzzzzz'],
    ['fix', 'abc'],
    ['fix', '-'.repeat(12)],
    ['fix', '0123456789ab/../x'],
  ])('refuses hostile type %j / fingerprint %j with a hint', (type, fp) => {
    expect(() => taskBranchName(type, fp)).toThrowError(AtqosError);
    try {
      taskBranchName(type, fp);
    } catch (err) {
      expect((err as AtqosError).code).toBe('git_bad_branch');
      expect((err as AtqosError).hint).toBeTruthy();
    }
  });
});

describe('branchNameProblem', () => {
  const good = ['atqos/integration/run-2024_01', 'atqos/fix/0123456789ab', 'a.b/c-d'];
  const bad = [
    '', '@', '-x', '/a', 'a/', 'a//b', 'a..b', 'a.', 'a/.b', 'a.lock', 'a/b.lock/c', 'a b', 'a~1', 'a^', 'a:b',
    'a?', 'a*', 'a[', 'a\\b', 'a@{1}', 'a\nb', 'a\u0007', 'é', 'HEAD', 'refs/heads/x',
  ];

  it.each(good)('accepts %j, and so does git check-ref-format', (name) => {
    expect(branchNameProblem(name)).toBeUndefined();
    expect(assertBranchName(name)).toBe(name);
    expect(gitAccepts(name)).toBe(true);
  });

  it.each(bad)('refuses %j', (name) => {
    expect(branchNameProblem(name)).toBeTypeOf('string');
    expect(() => assertBranchName(name)).toThrowError(/not a usable branch name/);
  });
});
