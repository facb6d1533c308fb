import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/core/index.js';
import { fastFingerprint } from './fingerprint.js';

describe('fastFingerprint', () => {
  it('equals the core fingerprint, part boundaries and all', () => {
    const samples: (string | undefined)[][] = [
      ['junit', 'test_failure', 'tests.test_x.test_a[1]', 'AssertionError', 'AssertionError: assert <n> == <n>'],
      ['junit', 'test_error', 'a', undefined, ''],
      ['ab', 'c'],
      ['a', 'bc'],
      ['ünïcødé ✓ 日本', '\u0000', 'x:y'],
      [],
    ];
    for (const parts of samples) expect(fastFingerprint(parts)).toBe(fingerprint(parts));
    expect(fastFingerprint(['ab', 'c'])).not.toBe(fastFingerprint(['a', 'bc']));
  });
});
