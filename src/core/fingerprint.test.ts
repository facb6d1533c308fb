import { describe, expect, it } from 'vitest';
import { fingerprint, messageSignature, normalizeVolatile } from './fingerprint.js';

describe('normalizeVolatile', () => {
  it('folds what changes between runs of the same problem', () => {
    const a = normalizeVolatile(
      'E   AssertionError at /tmp/pytest-of-alice/pytest-12/test_x0/data.json:17 <Obj object at 0x7f3a9c2b1d90> 2026-11-21T08:06:47.123Z took 1.52s',
    );
    const b = normalizeVolatile(
      'E   AssertionError at /tmp/pytest-of-bob/pytest-99/test_x0/data.json:42 <Obj object at 0x55d1e0c0ffee> 2025-01-02T03:04:05Z took 0.03s',
    );
    expect(a).toBe(b);
    expect(a).not.toMatch(/alice|0x7f3a|2026|1\.52/);
  });

  it('replaces known roots and other absolute paths, keeping the file name', () => {
    const a = normalizeVolatile('File "/home/ci/work/repo/src/shop/cart.py", line 12, in total', ['/home/ci/work/repo']);
    const b = normalizeVolatile('File "/Users/dev/repo/src/shop/cart.py", line 80, in total', ['/Users/dev/repo']);
    expect(a).toBe(b);
    expect(normalizeVolatile('/usr/lib/python3/dist-packages/_pytest/python.py')).toBe('<abs>/python.py');
  });

  it('keeps values that distinguish different failures', () => {
    expect(normalizeVolatile('assert 3 == 4')).not.toBe(normalizeVolatile('assert 3 == 5'));
    expect(normalizeVolatile("KeyError: 'price'")).not.toBe(normalizeVolatile("KeyError: 'name'"));
  });

  it('treats CRLF like LF', () => {
    expect(normalizeVolatile('a\r\nb')).toBe(normalizeVolatile('a\nb'));
  });
});

describe('messageSignature', () => {
  it('takes the first non-empty line', () => {
    expect(messageSignature('\n\n  ZeroDivisionError: division by zero\n  more')).toBe('ZeroDivisionError: division by zero');
  });
});

describe('fingerprint', () => {
  it('is stable and hex', () => {
    const f = fingerprint(['pytest', 'test_failure', 'tests/test_a.py::test_x', 'AssertionError', 'assert 1 == 2']);
    expect(f).toMatch(/^[0-9a-f]{40}$/);
    expect(fingerprint(['pytest', 'test_failure', 'tests/test_a.py::test_x', 'AssertionError', 'assert 1 == 2'])).toBe(f);
  });

  it('differs for different tests, parametrize ids and failures', () => {
    const base = ['pytest', 'test_failure', 'tests/test_a.py::test_x[1-2]', 'AssertionError', 'assert 1 == 2'];
    const seen = new Set([
      fingerprint(base),
      fingerprint(['pytest', 'test_failure', 'tests/test_a.py::test_x[2-3]', 'AssertionError', 'assert 1 == 2']),
      fingerprint(['pytest', 'test_failure', 'tests/test_a.py::test_y[1-2]', 'AssertionError', 'assert 1 == 2']),
      fingerprint(['pytest', 'test_error', 'tests/test_a.py::test_x[1-2]', 'AssertionError', 'assert 1 == 2']),
      fingerprint(['pytest', 'test_failure', 'tests/test_a.py::test_x[1-2]', 'AssertionError', 'assert 1 == 3']),
    ]);
    expect(seen.size).toBe(5);
  });

  it('cannot be fooled by moving text between parts', () => {
    expect(fingerprint(['ab', 'c'])).not.toBe(fingerprint(['a', 'bc']));
    expect(fingerprint(['a', undefined])).not.toBe(fingerprint(['a']));
  });
});

describe('stableId', () => {
  it('keeps numbers, durations and line-like text that distinguish parametrize ids', async () => {
    const { stableId } = await import('./fingerprint.js');
    expect(stableId('t.py::test_r[1.5s]')).not.toBe(stableId('t.py::test_r[2.5s]'));
    expect(stableId('t.py::test_r[line 1]')).not.toBe(stableId('t.py::test_r[line 2]'));
    expect(stableId('/home/a/repo/t.py::x', ['/home/a/repo'])).toBe(stableId('/srv/b/repo/t.py::x', ['/srv/b/repo']));
    expect(stableId('t.py::test_o[<O at 0x7f3a2c1d>]')).toBe(stableId('t.py::test_o[<O at 0x7f00aa00>]'));
  });
});
