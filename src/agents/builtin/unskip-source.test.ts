import { describe, expect, it } from 'vitest';
import { unskipSource } from './unskip-source.js';

const py = (...lines: string[]) => `${lines.join('\n')}\n`;

describe('unskipSource', () => {
  it('removes the skip decorator on the target only, keeping every other byte', () => {
    const src = py(
      'import pytest', '', '',
      '@pytest.mark.skip(reason="slow")', '@pytest.mark.slow', 'def test_a():', '    assert 1', '', '',
      '@pytest.mark.skip(reason="slow")', 'def test_b():', '    assert 1',
    );
    const out = unskipSource(src, ['test_a'])!;
    expect(out.removed).toEqual(['@pytest.mark.skip(reason="slow")']);
    expect(out.leftAlone).toEqual([]);
    expect(out.source).toBe(src.replace('@pytest.mark.skip(reason="slow")\n@pytest.mark.slow', '@pytest.mark.slow'));
    expect(out.source).toContain('@pytest.mark.skip(reason="slow")\ndef test_b');
  });

  it('removes a decorator call spanning lines, with a comment and a `)` inside its string', () => {
    const src = py(
      'from pytest import mark', '', '',
      '@mark.skipif(', '    True,  # always, for now', '    reason="see (issue) #12",', ')', 'def test_a():', '    assert 1',
    );
    const out = unskipSource(src, ['test_a'])!;
    expect(out.source).toBe(py('from pytest import mark', '', '', 'def test_a():', '    assert 1'));
    expect(out.removed).toEqual(['@mark.skipif( True, # always, for now reason="see (issue) #12", )']);
  });

  it('keeps CRLF line endings and tab indentation', () => {
    const src = 'import pytest as pt\r\n\r\nclass TestX:\r\n\t@pt.mark.xfail\r\n\tdef test_a(self):\r\n\t\tassert 1\r\n';
    expect(unskipSource(src, ['TestX', 'test_a'])!.source).toBe('import pytest as pt\r\n\r\nclass TestX:\r\n\tdef test_a(self):\r\n\t\tassert 1\r\n');
  });

  it('removes a pytest.skip() opening the body, after a docstring, and keeps the rest', () => {
    const src = py('from pytest import skip', '', 'def test_a():', '    """Doc."""', '    skip("later")', '    assert 1');
    const out = unskipSource(src, ['test_a'])!;
    expect(out.source).toBe(py('from pytest import skip', '', 'def test_a():', '    """Doc."""', '    assert 1'));
    expect(out.removed).toEqual(['skip("later")']);
  });

  it('leaves a skip call that is the whole body, and one sharing its line', () => {
    const whole = py('import pytest', 'def test_a():', '    pytest.skip("x")');
    expect(unskipSource(whole, ['test_a'])).toMatchObject({ source: whole, removed: [] });
    expect(unskipSource(whole, ['test_a'])!.leftAlone[0]).toMatch(/whole body/);
    const shared = py('import pytest', 'def test_a():', '    pytest.skip("x"); run()', '    assert 1');
    expect(unskipSource(shared, ['test_a'])).toMatchObject({ source: shared, removed: [] });
    expect(unskipSource(shared, ['test_a'])!.leftAlone[0]).toMatch(/shares its line/);
  });

  it('reports a class-level marker and a class pytestmark without touching them', () => {
    const src = py(
      'import pytest', '', '@pytest.mark.skip(reason="legacy")', 'class TestOld:',
      '    pytestmark = pytest.mark.xfail', '    def test_a(self):', '        assert 1',
    );
    const out = unskipSource(src, ['TestOld', 'test_a'])!;
    expect(out.source).toBe(src);
    expect(out.leftAlone).toEqual([
      'the class carries `@pytest.mark.skip(reason="legacy")`, which skips every test in it; remove it by hand if all of them pass',
      'the class sets `pytestmark = pytest.mark.xfail`, which applies to every test in it',
    ]);
  });

  it('follows an assigned alias and ignores unrelated decorators and a same-named method elsewhere', () => {
    const src = py(
      'import pytest', 'slow = pytest.mark.skipif(True, reason="slow")', '',
      'class TestA:', '    @slow', '    def test_x(self):', '        assert 1', '',
      '@slow', '@other.skip', 'def test_x():', '    assert 1',
    );
    const out = unskipSource(src, ['test_x'])!;
    expect(out.removed).toEqual(['@slow']);
    expect(out.source).toContain('class TestA:\n    @slow\n    def test_x');
    expect(out.source).toContain('\n@other.skip\ndef test_x():');
  });

  it('removes the function marker but reports a module pytestmark that still skips it', () => {
    const src = py('import pytest', 'pytestmark = pytest.mark.skipif(True, reason="x")', '', '@pytest.mark.skip', 'def test_a():', '    assert 1');
    const out = unskipSource(src, ['test_a'])!;
    expect(out.source).toBe(py('import pytest', 'pytestmark = pytest.mark.skipif(True, reason="x")', '', 'def test_a():', '    assert 1'));
    expect(out.leftAlone).toEqual(['the module sets `pytestmark = pytest.mark.skipif(True, reason="x")`, which applies to every test in the file']);
  });

  it('is undefined when the function is not in the file', () => {
    expect(unskipSource(py('def test_a():', '    pass'), ['test_b'])).toBeUndefined();
    expect(unskipSource(py('def test_a():', '    pass'), ['TestA', 'test_a'])).toBeUndefined();
  });
});
