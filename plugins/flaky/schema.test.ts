import { describe, expect, it } from 'vitest';
import { AtqosError } from '../../src/core/index.js';
import { MAX_CHUNK_BYTES, MAX_IDS_PER_CHUNK, chunkIds, rerunArgv } from './argv.js';
import { parseBlame } from './blame.js';
import { isExpired } from './quarantine-check.js';
import { parseOptions } from './schema.js';

describe('parseOptions', () => {
  it('defaults everything when the section is absent', () => {
    expect(parseOptions(undefined)).toEqual({ python: 'python3', reruns: 10, quarantineDays: 14, maxTests: 50, timeoutSec: 600, earlyStop: false });
  });

  const bad: [unknown, RegExp][] = [
    [{ reruns: 0 }, /plugins\.flaky\.reruns must be a whole number from 1 to 100/],
    [{ reruns: 2.5 }, /plugins\.flaky\.reruns must be/],
    [{ quarantineDays: -1 }, /plugins\.flaky\.quarantineDays must be a positive number of days/],
    [{ maxTests: '5' }, /plugins\.flaky\.maxTests must be/],
    [{ python: '' }, /plugins\.flaky\.python must be/],
    [{ quarantineMarker: 'pytest.mark.xfail' }, /plugins\.flaky\.quarantineMarker must be a decorator/],
    [{ rerun: 3 }, /unknown key\(s\): plugins\.flaky\.rerun/],
    ['often', /plugins\.flaky must be a mapping/],
  ];
  for (const [raw, message] of bad) {
    it(`rejects ${JSON.stringify(raw)} naming the key`, () => {
      expect(() => parseOptions(raw)).toThrow(message);
      expect(() => parseOptions(raw)).toThrow(AtqosError);
    });
  }
});

describe('rerunArgv and chunkIds', () => {
  it('puts node ids after `--`, with no cache and no random order', () => {
    const argv = rerunArgv(parseOptions({ python: 'py' }), '/run/raw/flaky/rerun-1-1.xml', ['-k', 't.py::a[--x]']);
    expect(argv.slice(0, 3)).toEqual(['py', '-m', 'pytest']);
    expect(argv).toContain('no:cacheprovider');
    expect(argv).toContain('no:randomly');
    expect(argv.slice(-3)).toEqual(['--', '-k', 't.py::a[--x]']);
  });

  it('keeps chunks under the id and byte caps, in order', () => {
    const many = Array.from({ length: 450 }, (_, i) => `tests/t.py::test_${i}`);
    const chunks = chunkIds(many);
    expect(chunks.map((c) => c.length)).toEqual([MAX_IDS_PER_CHUNK, MAX_IDS_PER_CHUNK, 50]);
    expect(chunks.flat()).toEqual(many);
    const long = Array.from({ length: 5 }, (_, i) => `t.py::t[${String(i).repeat(10_000)}]`);
    for (const c of chunkIds(long)) expect(c.join(' ').length <= MAX_CHUNK_BYTES || c.length === 1).toBe(true);
  });
});

describe('quarantine age', () => {
  it('reads the commit time of a blamed line, and refuses uncommitted lines', () => {
    const porcelain = 'a'.repeat(40) + ' 4 4 1\nauthor T\nauthor-time 1700000000\ncommitter-time 1700000100\nfilename t.py\n\t@pytest.mark.xfail\n';
    expect(parseBlame(porcelain)).toEqual({ ok: true, committedAtMs: 1_700_000_100_000 });
    expect(parseBlame('0'.repeat(40) + ' 4 4 1\nauthor Not Committed Yet\n')).toEqual({ ok: false, reason: 'the marker is not committed yet' });
  });

  it('expires after the configured days, never with an unknown age', () => {
    const day = 86_400_000;
    expect(isExpired(0, 14 * day, 14)).toBe(true);
    expect(isExpired(0, 14 * day - 1, 14)).toBe(false);
    expect(isExpired(undefined, 100 * day, 14)).toBe(false);
  });
});
