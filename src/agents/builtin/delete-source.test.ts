import { describe, expect, it } from 'vitest';
import { deleteTestSource } from './delete-source.js';

const py = (...lines: string[]) => `${lines.join('\n')}\n`;

describe('deleteTestSource', () => {
  it('removes the decorators, def and body of one function and the blank lines after it, nothing else', () => {
    const src = py(
      'import pytest', '', '',
      '@pytest.mark.xfail(', '    reason="quarantined by ATQOS: obsolete",', '    strict=False,', ')',
      'def test_old():', '    x = 1', '    # a comment inside', '    assert x', '', '    # trailing comment of the body', '', '',
      'def test_kept():', '    assert True',
    );
    const out = deleteTestSource(src, ['test_old']);
    expect(out).toEqual({ status: 'deleted', source: py('import pytest', '', '', 'def test_kept():', '    assert True'), lines: { start: 4, end: 13 } });
  });

  it('removes a method from its class, keeping its siblings and CRLF line endings', () => {
    const src = 'class TestA:\r\n    def test_a(self):\r\n        assert 1\r\n\r\n    def test_b(self):\r\n        assert 2\r\n';
    expect(deleteTestSource(src, ['TestA', 'test_a'])).toMatchObject({ status: 'deleted', source: 'class TestA:\r\n    def test_b(self):\r\n        assert 2\r\n' });
  });

  it('at the end of the file takes the blank lines before it, keeping the last newline', () => {
    const src = py('def test_a():', '    assert 1', '', '', 'def test_b():', '    assert 2');
    expect(deleteTestSource(src, ['test_b'])).toMatchObject({ source: py('def test_a():', '    assert 1') });
    expect(deleteTestSource('def test_a():\n    pass\n\n\ndef test_b():\n    pass', ['test_b'])).toMatchObject({ source: 'def test_a():\n    pass' });
  });

  it('deletes the definition pytest collects (the last of that name), a one-line def, and nested defs with it', () => {
    const src = py('def test_a():', '    assert 0', '', 'def test_a(): assert 1', '', 'def test_c():', '    def helper():', '        return 1', '    assert helper()', '', 'x = 1');
    expect(deleteTestSource(src, ['test_a'])).toMatchObject({ source: py('def test_a():', '    assert 0', '', 'def test_c():', '    def helper():', '        return 1', '    assert helper()', '', 'x = 1') });
    expect(deleteTestSource(src, ['test_c'])).toMatchObject({ source: py('def test_a():', '    assert 0', '', 'def test_a(): assert 1', '', 'x = 1') });
  });

  it('refuses to empty a class and is undefined for a function that is not there', () => {
    expect(deleteTestSource(py('class TestA:', '    def test_a(self):', '        pass'), ['TestA', 'test_a'])).toEqual({
      status: 'refused', why: 'TestA.test_a is the only statement of class TestA: deleting it would leave an empty class; delete the class by hand',
    });
    expect(deleteTestSource(py('def test_a():', '    pass'), ['test_b'])).toBeUndefined();
    expect(deleteTestSource(py('class TestA:', '    def test_a(self):', '        pass'), ['test_a'])).toBeUndefined();
  });
});
