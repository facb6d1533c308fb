import { describe, expect, it } from 'vitest';
import { DEFAULT_QUARANTINE_MARKER } from './options.js';
import { quarantineText, renderMarker } from './quarantine-marker.js';
import { quarantineSource } from './quarantine-source.js';

const py = (...lines: string[]) => `${lines.join('\n')}\n`;

describe('quarantineText and renderMarker', () => {
  it('takes the issue link out of the title and escapes both for a Python string', () => {
    const text = quarantineText('flaky: tests/t.py::test_a["x\\\'] $& (https://github.com/o/r/issues/7)');
    expect(text).toEqual({ reason: 'flaky: tests/t.py::test_a["x\\\'] $&', issue: 'https://github.com/o/r/issues/7' });
    expect(renderMarker(DEFAULT_QUARANTINE_MARKER, text)).toBe(
      '@pytest.mark.xfail(reason="quarantined by ATQOS: flaky: tests/t.py::test_a[\\"x\\\\\\\'] $& (https://github.com/o/r/issues/7)", strict=False)',
    );
    expect(quarantineText('t\nx')).toEqual({ reason: 't x', issue: 'no issue link yet' });
  });

  it('refers to the task\'s first finding when the title has no URL, for the Publisher to link', () => {
    const fp = 'ab12cd34ef56ab12cd34ef56';
    expect(quarantineText('flaky test_a', [fp, 'ffff'])).toEqual({ reason: 'flaky test_a', issue: 'atqos finding ab12cd34ef56' });
    expect(quarantineText('flaky test_a https://github.com/o/r/issues/3', [fp]).issue).toBe('https://github.com/o/r/issues/3');
  });
});

describe('quarantineSource', () => {
  const marker = renderMarker(DEFAULT_QUARANTINE_MARKER, { reason: 'flaky', issue: '#1' });

  it('puts the marker above the decorators at the method indentation, CRLF kept', () => {
    const src = 'import pytest\r\n\r\nclass TestA:\r\n    @pytest.mark.slow\r\n    def test_a(self):\r\n        assert 1\r\n';
    const out = quarantineSource(src, ['TestA', 'test_a'], marker);
    expect(out).toEqual({
      status: 'added', importAdded: false,
      source: `import pytest\r\n\r\nclass TestA:\r\n    ${marker}\r\n    @pytest.mark.slow\r\n    def test_a(self):\r\n        assert 1\r\n`,
    });
  });

  it('adds `import pytest` after the docstring and __future__ imports when pytest is only aliased', () => {
    const src = py('"""Doc."""', 'from __future__ import annotations', 'from pytest import mark', '', 'def test_a():', '    assert 0');
    const out = quarantineSource(src, ['test_a'], marker);
    expect(out).toEqual({
      status: 'added', importAdded: true,
      source: py('"""Doc."""', 'from __future__ import annotations', 'import pytest', 'from pytest import mark', '', marker, 'def test_a():', '    assert 0'),
    });
  });

  it('adds the import above the test in a file with no statements before it, and a missing last newline', () => {
    const out = quarantineSource('def test_a():\n    assert 0', ['test_a'], marker);
    expect(out).toMatchObject({ source: `import pytest\n${marker}\ndef test_a():\n    assert 0` });
  });

  it('is idempotent: a test carrying an ATQOS quarantine marker, whatever its reason, is left alone', () => {
    const once = quarantineSource(py('import pytest', 'def test_a():', '    assert 0'), ['test_a'], marker);
    expect(once?.status).toBe('added');
    const source = once?.status === 'added' ? once.source : '';
    const other = renderMarker(DEFAULT_QUARANTINE_MARKER, { reason: 'another reason', issue: '#2' });
    expect(quarantineSource(source, ['test_a'], other)).toEqual({ status: 'already', marker });
  });

  it('recognises an ATQOS quarantine written by another template (the tag, not the template, decides), reformatted', () => {
    const earlier = py('import pytest', '@pytest.mark.flaky_quarantine(', '    "quarantined  by ATQOS: old template",', ')', 'def test_a():', '    assert 0');
    expect(quarantineSource(earlier, ['test_a'], marker)).toMatchObject({ status: 'already' });
    const handWritten = py('import pytest', '@pytest.mark.xfail(reason="known bug", strict=False)', 'def test_a():', '    assert 0');
    expect(quarantineSource(handWritten, ['test_a'], marker)).toMatchObject({ status: 'added' });
  });

  it('is undefined when the function is not in the file', () => {
    expect(quarantineSource(py('def test_a():', '    pass'), ['test_b'], marker)).toBeUndefined();
  });
});
