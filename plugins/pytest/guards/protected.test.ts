import { describe, expect, it } from 'vitest';
import { matchGlob } from '../../../src/guards/index.js';
import { pytestProtectedPaths } from './protected.js';

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
