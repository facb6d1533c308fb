import { describe, expect, it } from 'vitest';
import { allowedPathsGuard } from './allowed-paths.js';
import { diffSizeGuard } from './diff-size.js';
import { inventoryNotShrunkGuard } from './inventory-not-shrunk.js';
import { looksLikeTestFile, noTestDeletedGuard } from './no-test-deleted.js';
import { GENERIC_PROTECTED_PATHS, protectedPathsGuard } from './protected-paths.js';
import { pathProblem } from './repo-path.js';
import { change, makeInput, makeTask } from './test-support.js';

describe('allowed-paths', () => {
  const task = makeTask('fix', ['src/shop/cart.py', 'src/shop/**/*.py']);

  it('passes changes inside the allowed globs', () => {
    const v = allowedPathsGuard.check(makeInput({ task, changes: [change('src/shop/cart.py'), change('src/shop/util/money.py', { status: 'added' })] }));
    expect(v).toEqual({ guard: 'allowed-paths', passed: true });
  });

  it('names each path outside the allowed globs and lists what was allowed', () => {
    const v = allowedPathsGuard.check(makeInput({ task, changes: [change('src/shop/cart.py'), change('tests/test_cart.py'), change('README.md')] }));
    expect(v.passed).toBe(false);
    expect(v.evidence).toBe(
      'tests/test_cart.py is outside the allowed paths\nREADME.md is outside the allowed paths\nallowed paths: src/shop/cart.py, src/shop/**/*.py',
    );
  });

  it('checks the old side of a rename too', () => {
    const v = allowedPathsGuard.check(makeInput({ task, changes: [change('src/shop/cart.py', { status: 'renamed', oldPath: 'tests/test_cart.py' })] }));
    expect(v.evidence).toContain('tests/test_cart.py is outside the allowed paths');
  });

  it.each([
    ['/etc/passwd', 'is absolute'],
    ['src/shop/../../x.py', 'climbs out'],
    ['.git/hooks/pre-commit', '`.git`'],
    ['src/shop/.git/config', '`.git`'],
    ['C:/x.py', 'is absolute'],
  ])('rejects %s outright, even when a glob would match', (path, why) => {
    const v = allowedPathsGuard.check(makeInput({ task: makeTask('fix', ['**']), changes: [change(path)] }));
    expect(v.passed).toBe(false);
    expect(v.evidence).toContain(why);
  });

  it('a task with no allowed paths may change nothing', () => {
    const v = allowedPathsGuard.check(makeInput({ task: makeTask('fix', []), changes: [change('src/a.py')] }));
    expect(v.evidence).toContain('(none: this task may change no file)');
  });
});

describe('pathProblem', () => {
  it('accepts plain relative paths, dotfiles and odd but legal names', () => {
    for (const p of ['a.py', '.github/x.yml', 'tests/test_with space.py', 'src/.gitignore', 'a/..b/c']) expect(pathProblem(p)).toBeUndefined();
  });
  it('rejects empty, unnormalized and backslash paths', () => {
    expect(pathProblem('')).toBe('is empty');
    expect(pathProblem('a//b')).toContain('not normalized');
    expect(pathProblem('./a')).toContain('not normalized');
    expect(pathProblem('a\\b')).toContain('backslash');
  });
});

describe('protected-paths', () => {
  const guard = protectedPathsGuard([...GENERIC_PROTECTED_PATHS, { glob: '**/conftest.py', allowFor: ['fix_env'], why: 'pytest hook code' }]);

  it('rejects a manifest in a fix task and says which task type may change it', () => {
    const v = guard.check(makeInput({ task: makeTask('fix', ['**']), changes: [change('requirements.txt')] }));
    expect(v.passed).toBe(false);
    expect(v.evidence).toMatch(/^requirements\.txt \(modified\) is a dependency manifest or lockfile.*this is a fix task and only fix_env tasks may change it \[rule \*\*\/requirements\*\.txt\]$/);
  });

  it('lets a fix_env task change manifests and lockfiles at any depth', () => {
    const changes = ['requirements-dev.txt', 'services/api/package-lock.json', 'go.sum', 'poetry.lock', 'build.gradle.kts'].map((p) => change(p));
    expect(guard.check(makeInput({ task: makeTask('fix_env', ['**']), changes })).passed).toBe(true);
  });

  it('rejects CI and ATQOS config for every task type, fix_env included', () => {
    for (const path of ['.github/workflows/ci.yml', '.gitlab-ci.yml', '.circleci/config.yml', '.github/atqos.yml', '.gitattributes']) {
      const v = guard.check(makeInput({ task: makeTask('fix_env', ['**']), changes: [change(path)] }));
      expect(v.passed, path).toBe(false);
      expect(v.evidence).toContain('no task may change it');
    }
  });

  it('merges plugin rules and checks both sides of a rename', () => {
    const v = guard.check(makeInput({ task: makeTask('fix', ['**']), changes: [change('tests/helpers.py', { status: 'renamed', oldPath: 'tests/conftest.py' })] }));
    expect(v.evidence).toContain('tests/conftest.py (renamed) is pytest hook code');
  });

  it('passes ordinary source edits', () => {
    expect(guard.check(makeInput({ task: makeTask('fix', ['**']), changes: [change('src/shop/cart.py')] })).passed).toBe(true);
  });
});

describe('no-test-deleted', () => {
  const guard = noTestDeletedGuard;
  const inTests = (p: string) => p.startsWith('tests/');

  it('rejects deletions, renames and type changes of test files', () => {
    const v = guard.check(makeInput({
      isTestFile: inTests,
      changes: [
        change('tests/test_a.py', { status: 'deleted' }),
        change('tests/old_b.py', { status: 'renamed', oldPath: 'tests/test_b.py' }),
        change('tests/test_c.py', { status: 'type_changed' }),
      ],
    }));
    expect(v.evidence).toBe(
      'tests/test_a.py: test file deleted\n' +
        'tests/test_b.py: test file renamed to tests/old_b.py (its test ids change; renaming tests hides failures)\n' +
        'tests/test_c.py: test file turned into another kind of file (e.g. a symlink)',
    );
  });

  it('allows deleting non-test files and adding tests', () => {
    expect(guard.check(makeInput({ isTestFile: inTests, changes: [change('src/old.py', { status: 'deleted' }), change('tests/test_new.py', { status: 'added' })] })).passed).toBe(true);
  });

  it('falls back to a language-neutral guess', () => {
    expect(['tests/test_a.py', 'pkg/a_test.go', 'src/a.test.ts', 'src/FooTest.java', '__tests__/x.js', 'spec/x_spec.rb'].every(looksLikeTestFile)).toBe(true);
    expect(['src/contest.py', 'src/latest.py', 'src/attestation.go', 'README.md'].some(looksLikeTestFile)).toBe(false);
  });
});

describe('inventory-not-shrunk', () => {
  it('lists the ids that disappeared', () => {
    const v = inventoryNotShrunkGuard.check(makeInput({ changes: [], inventoryBefore: ['a::x', 'a::y', 'b::z'], inventoryAfter: ['a::x', 'c::new'] }));
    expect(v).toEqual({ guard: 'inventory-not-shrunk', passed: false, evidence: '2 of 3 collected tests are no longer collected:\na::y\nb::z' });
  });

  it('caps a long list', () => {
    const before = Array.from({ length: 30 }, (_, i) => `t::${i}`);
    const v = inventoryNotShrunkGuard.check(makeInput({ changes: [], inventoryBefore: before, inventoryAfter: [] }));
    expect(v.evidence?.split('\n')).toHaveLength(22);
    expect(v.evidence).toContain('… and 10 more');
  });

  it('passes when nothing disappeared, fails when the after list is missing, notes when there is no before list', () => {
    expect(inventoryNotShrunkGuard.check(makeInput({ changes: [], inventoryBefore: ['a'], inventoryAfter: ['a', 'b'] })).passed).toBe(true);
    expect(inventoryNotShrunkGuard.check(makeInput({ changes: [], inventoryBefore: ['a'] })).passed).toBe(false);
    expect(inventoryNotShrunkGuard.check(makeInput({ changes: [] }))).toMatchObject({ passed: true, evidence: expect.stringContaining('not checked') });
  });
});

describe('diff-size', () => {
  const limits = { maxChangedLines: 100, maxChangedFiles: 2 };

  it('rejects too many lines and names the largest files', () => {
    const v = diffSizeGuard.check(makeInput({ limits, changes: [change('src/a.py', { insertions: 90, deletions: 5 }), change('src/b.py', { insertions: 6, deletions: 0 })] }));
    expect(v.evidence).toBe('101 changed lines exceed the cap of 100; largest: src/a.py (+90 -5), src/b.py (+6 -0)');
  });

  it('rejects too many files', () => {
    const v = diffSizeGuard.check(makeInput({ limits, changes: ['a', 'b', 'c'].map((p) => change(p)) }));
    expect(v.evidence).toBe('3 changed files exceed the cap of 2: a, b, c');
  });

  it('passes exactly at the caps', () => {
    expect(diffSizeGuard.check(makeInput({ limits, changes: [change('a', { insertions: 50, deletions: 50 }), change('b', { insertions: 0, deletions: 0 })] })).passed).toBe(true);
  });

  it('rejects binary files unless the task names them; deleting one is fine', () => {
    const task = makeTask('fix', ['tests/data/**', 'tests/data/golden.png']);
    const v = diffSizeGuard.check(makeInput({
      task, limits,
      changes: [change('tests/data/other.png', { binary: true, insertions: 0, deletions: 0 }), change('tests/data/golden.png', { binary: true, insertions: 0, deletions: 0 })],
    }));
    expect(v.evidence).toBe('tests/data/other.png is a binary file (modified); binary changes need the task to name the file in its allowed paths');
    expect(diffSizeGuard.check(makeInput({ limits, changes: [change('x.bin', { binary: true, status: 'deleted' })] })).passed).toBe(true);
  });
});
