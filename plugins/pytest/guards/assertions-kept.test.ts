import { describe, expect, it } from 'vitest';
import { change, makeInput, makeTask } from '../../../src/guards/test-support.js';
import { assertionsKeptGuard } from './assertions-kept.js';
import { alwaysTrue } from './tautology.js';
import { isPytestTestFile } from '../test-files.js';

const BASE = `import pytest
from shop.cart import Cart


def test_total(cart):
    cart.discount_percent = 10
    assert cart.total() == pytest.approx(3.6)


def test_empty():
    with pytest.raises(ZeroDivisionError):
        Cart().average_item_price()


class TestCartCase:
    def test_lines(self):
        self.assertEqual(len(Cart().lines), 0)
`;
const PATH = 'tests/test_cart.py';
const guard = assertionsKeptGuard;
const check = (after: string, path = PATH, before = BASE) =>
  guard.check(makeInput({ task: makeTask('update_test', ['**']), isTestFile: isPytestTestFile, changes: [change(path)], base: { [path]: before }, after: { [path]: after } }));

describe('assertions-kept', () => {
  it('rejects `assert True` in place of the failing assertion, naming what was lost and what was added', () => {
    const v = check(BASE.replace('assert cart.total() == pytest.approx(3.6)', 'assert True'));
    expect(v).toEqual({
      guard: 'assertions-kept',
      passed: false,
      evidence:
        'tests/test_cart.py: assertions went from 4 to 3 (lost ones at their base lines):\n' +
        '  lost tests/test_cart.py:7 (in test_total): assert: assert cart.total() == pytest.approx(3.6)\n' +
        '  lost tests/test_cart.py:7 (in test_total): pytest.approx: assert cart.total() == pytest.approx(3.6)\n' +
        'tests/test_cart.py:7 (in test_total): assertion that cannot fail: assert True',
    });
  });

  it.each([
    ['a deleted assert-method', BASE.replace('        self.assertEqual(len(Cart().lines), 0)\n', '        pass\n')],
    ['a removed pytest.raises', BASE.replace('    with pytest.raises(ZeroDivisionError):\n        Cart().average_item_price()', '    Cart()')],
    ['an assert turned into a comment', BASE.replace('    assert cart.total()', '    # assert cart.total()')],
    ['an assert turned into a string', BASE.replace('    assert cart.total() == pytest.approx(3.6)', '    "assert cart.total() == 3.6"')],
  ])('rejects %s', (_name, after) => {
    expect(check(after).evidence).toMatch(/^tests\/test_cart\.py: assertions went from 4 to [0-3]/);
  });

  it.each([
    'assert 1', 'assert x == x', 'assert (cart.total() == 3.6, "total")', 'assert cart.total() == 3.6 or True', 'assert not None',
    'assert "always"', 'self.assertTrue(True)', 'self.assertEqual(cart.total(), cart.total())', 'assert cart is cart, "same"',
  ])('rejects a new tautology: %s', (line) => {
    const v = check(BASE.replace('    cart.discount_percent = 10', `    cart.discount_percent = 10\n    ${line}`));
    expect(v.evidence).toBe(`tests/test_cart.py:7 (in test_total): assertion that cannot fail: ${line}`);
  });

  it.each(['assert x', 'assert x == y', 'assert not x', 'assert x is None', 'assert 0 == 1', 'assert ""', 'assert (a == b)', 'assert a <= b', 'self.assertEqual(a, b)'])(
    'does not call %s a tautology',
    (line) => {
      expect(check(BASE.replace('    cart.discount_percent = 10', `    cart.discount_percent = 10\n    ${line}`)).passed).toBe(true);
    },
  );

  it('passes a rewritten assertion and added ones, and ignores non-test files', () => {
    expect(check(BASE.replace('pytest.approx(3.6)', 'pytest.approx(3.60, rel=1e-9)') + '\n\ndef test_more():\n    assert Cart().lines == []\n').passed).toBe(true);
    expect(check('x = 1\n', 'src/shop/cart.py', 'assert x\n').passed).toBe(true);
  });

  it('judges a renamed test file against its old text', () => {
    const v = guard.check(makeInput({ isTestFile: isPytestTestFile, changes: [change('tests/test_basket.py', { status: 'renamed', oldPath: PATH })], base: { [PATH]: BASE }, after: { 'tests/test_basket.py': 'def test_x():\n    pass\n' } }));
    expect(v.evidence).toContain('tests/test_basket.py: assertions went from 4 to 0');
    expect(v.evidence).toContain('lost tests/test_cart.py:7');
  });
});

describe('alwaysTrue', () => {
  it.each([['True', true], ['0x1', true], ['0.0', false], ['[1]', true], ['[]', false], ['(x)', false], ['x == x', true], ['x == x.y', false], ['a and True', false], ['True and 1', true], ['not not True', true]])(
    '%s → %s',
    (e, expected) => expect(alwaysTrue(e)).toBe(expected),
  );
});
