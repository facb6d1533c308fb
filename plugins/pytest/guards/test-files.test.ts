import { describe, expect, it } from 'vitest';
import { matchGlob } from '../../../src/guards/index.js';
import { pytestProtectedPaths } from './protected.js';
import { isPytestTestFile } from './test-files.js';

describe('isPytestTestFile', () => {
  it.each(['test_cart.py', 'tests/test_cart.py', 'pkg/cart_test.py', 'tests/helpers.py', 'src/pkg/test/util.py', 'conftest.py', 'src/pkg/conftest.py', 'tests/unit/deep/x.py'])(
    '%s is test code',
    (p) => expect(isPytestTestFile(p)).toBe(true),
  );
  it.each(['src/shop/cart.py', 'src/contest.py', 'src/testing.py', 'tests/data.json', 'test_cart.pyc', 'src/latest/x.py', 'mytests/x.py'])(
    '%s is not',
    (p) => expect(isPytestTestFile(p)).toBe(false),
  );
});

describe('pytestProtectedPaths', () => {
  const ruleFor = (p: string) => pytestProtectedPaths.find((r) => matchGlob(r.glob, p));
  it.each([
    ['conftest.py', ['fix_env']],
    ['tests/unit/conftest.py', ['fix_env']],
    ['pytest.ini', ['fix_env']],
    ['sub/.pytest.toml', ['fix_env']],
    ['tox.ini', ['fix_env']],
    ['.coveragerc', []],
    ['src/sitecustomize.py', []],
    ['src/evil.pth', []],
  ])('%s may be changed by %j', (p, allowFor) => {
    expect(ruleFor(p)?.allowFor).toEqual(allowFor);
  });
  it('leaves ordinary code alone', () => {
    expect(ruleFor('src/shop/cart.py')).toBeUndefined();
    expect(ruleFor('tests/test_cart.py')).toBeUndefined();
  });
});
