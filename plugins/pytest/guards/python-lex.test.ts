import { describe, expect, it } from 'vitest';
import { statements, stringAt } from './python-lex.js';
import { moduleNames, references, resolve, scopes } from './python-names.js';

describe('statements', () => {
  it('drops comments and strings, keeps their contents aside, and joins bracketed lines', () => {
    const src = [
      'import pytest  # pytest.skip() in a comment',
      '',
      '@pytest . mark . skipif(',
      '    sys.platform == "win32",  # why',
      '    reason="pytest.skip(\'no\')",',
      ')',
      'def test_x():',
      '    s = """',
      '    pytest.skip()',
      '    """; assert s',
    ].join('\n');
    expect(statements(src).map((s) => [s.line, s.indent, s.code, s.strings])).toEqual([
      [1, 0, 'import pytest', []],
      [3, 0, '@pytest.mark.skipif( sys.platform == "", reason="", )', ['win32', "pytest.skip('no')"]],
      [7, 0, 'def test_x():', []],
      [8, 4, 's = ""', ['\n    pytest.skip()\n    ']],
      [8, 4, 'assert s', []],
    ]);
    expect(statements(src)[1]?.text).toBe('@pytest . mark . skipif(\n    sys.platform == "win32",  # why\n    reason="pytest.skip(\'no\')",\n)');
  });

  it('joins backslash continuations and reads prefixed, escaped and unterminated strings', () => {
    const src = 'x = rb"a\\"b" + f\'{y}\' \\\n  + u"c"\nname"d"\nz = "open\nw = 1';
    const st = statements(src);
    expect(st.map((s) => s.code)).toEqual(['x = "" + "" + ""', 'name""', 'z = ""', 'w = 1']);
    expect(st[0]?.strings).toEqual(['a\\"b', '{y}', 'c']);
    expect(st.map((s) => s.line)).toEqual([1, 3, 4, 5]);
    expect(stringAt(st[0]!, st[0]!.code.lastIndexOf('""'))).toBe('c');
  });
});

describe('names', () => {
  const src = [
    'import pytest as pt, os.path',
    'from pytest import mark as m, skip',
    'from unittest import *',
    'from _pytest import (',
    '    outcomes,',
    ')',
  ].join('\n');
  const names = moduleNames(statements(src));

  it('resolves aliases, from-imports and star imports', () => {
    expect(resolve('pt.mark.skip', names)).toBe('pytest.mark.skip');
    expect(resolve('m.xfail', names)).toBe('pytest.mark.xfail');
    expect(resolve('skip', names)).toBe('pytest.skip');
    expect(resolve('skipIf', names)).toBe('unittest.skipIf');
    expect(resolve('outcomes.skip', names)).toBe('_pytest.outcomes.skip');
    expect(resolve('os.path.join', names)).toBe('os.path.join');
    expect(resolve('other.skip', names)).toBe('other.skip');
  });

  it('lists references with call flags, not mistaking an attribute tail for a module', () => {
    const [s] = statements('x = pt.skip("why") or self.pt.skip');
    expect(references(s!, names).map((r) => [r.name, r.called])).toEqual([
      ['x', false],
      ['pytest.skip', true],
      ['or', false],
      ['self.pt.skip', false],
    ]);
  });

  it('gives decorators the scope of the def they decorate', () => {
    const st = statements('@x\nclass TestA:\n    @y\n    def test_b(self):\n        z()\n    q = 1\nw = 2');
    expect(scopes(st)).toEqual(['TestA', 'TestA', 'TestA.test_b', 'TestA.test_b', 'TestA.test_b', 'TestA', '']);
  });
});
