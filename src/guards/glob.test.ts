import { describe, expect, it } from 'vitest';
import { firstMatch, matchGlob } from './glob.js';

describe('matchGlob', () => {
  it.each([
    ['src/shop/cart.py', 'src/shop/cart.py', true],
    ['src/shop/cart.py', 'src/shop/cart.pyc', false],
    ['src/shop/cart.py', 'lib/src/shop/cart.py', false],
    ['conftest.py', 'conftest.py', true],
    ['conftest.py', 'tests/conftest.py', false],
    ['*.py', 'cart.py', true],
    ['*.py', 'src/cart.py', false],
    ['src/*.py', 'src/cart.py', true],
    ['src/*.py', 'src/shop/cart.py', false],
    ['src/*', 'src/', true],
    ['**/conftest.py', 'conftest.py', true],
    ['**/conftest.py', 'a/b/c/conftest.py', true],
    ['**/conftest.py', 'a/b/myconftest.py', false],
    ['src/**', 'src/shop/cart.py', true],
    ['src/**', 'src', false],
    ['src/**', 'srcx/a.py', false],
    ['src/**/*.py', 'src/cart.py', true],
    ['src/**/*.py', 'src/a/b/cart.py', true],
    ['src/**/*.py', 'src/a/b/cart.txt', false],
    ['**', 'anything/at/all.txt', true],
    ['**', '.github/workflows/ci.yml', true],
    ['.github/workflows/**', '.github/workflows/ci.yml', true],
    ['.github/workflows/**', '.github/workflowsx/ci.yml', false],
    ['requirements*.txt', 'requirements.txt', true],
    ['requirements*.txt', 'requirements-dev.txt', true],
    ['requirements*.txt', 'requirements/dev.txt', false],
    ['test_?.py', 'test_a.py', true],
    ['test_?.py', 'test_ab.py', false],
    ['test_?.py', 'test_/.py', false],
    ['*.{yml,yaml}', 'ci.yaml', true],
    ['*.{yml,yaml}', 'ci.yml', true],
    ['*.{yml,yaml}', 'ci.json', false],
    ['{src,lib}/**', 'lib/x.py', true],
    ['{src,lib}/**', 'tests/x.py', false],
    ['{a,b{c,d}}.txt', 'bd.txt', true],
    ['{a,b{c,d}}.txt', 'b.txt', false],
    ['Pipfile{,.lock}', 'Pipfile', true],
    ['Pipfile{,.lock}', 'Pipfile.lock', true],
    ['build.gradle*', 'build.gradle.kts', true],
    ['file{.txt', 'file{.txt', true],
    ['a.b', 'axb', false],
    ['(x)+[y]', '(x)+[y]', true],
    ['./src/**', 'src/a.py', true],
    ['src/', 'src/a/b.py', true],
    ['a**b', 'axxb', true],
    ['a**b', 'ax/xb', false],
  ])('%s ~ %s → %s', (pattern, path, expected) => {
    expect(matchGlob(pattern, path)).toBe(expected);
  });

  it('is case-sensitive, like git', () => {
    expect(matchGlob('README.md', 'readme.md')).toBe(false);
  });

  it('firstMatch names the pattern that matched', () => {
    expect(firstMatch(['tests/**', 'src/**'], 'src/a.py')).toBe('src/**');
    expect(firstMatch(['tests/**'], 'src/a.py')).toBeUndefined();
  });
});
