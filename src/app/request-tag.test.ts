import { describe, expect, it } from 'vitest';
import { formatRequestTag, newRequestId, parseRequestTag, parseRunTitle } from './request-tag.js';

const SHA = 'c'.repeat(40);

describe('request tags', () => {
  it('round-trip: plain, with a thread, with a check SHA', () => {
    const id = newRequestId();
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(newRequestId()).not.toBe(id);
    for (const tag of [{ id }, { id, thread: 42 }, { id, checkSha: SHA }]) expect(parseRequestTag(formatRequestTag(tag))).toEqual(tag);
  });

  it('refuse anything else', () => {
    for (const text of ['', 'abc', 'a1b2c3d4e5f6#0', 'a1b2c3d4e5f6#x', `a1b2c3d4e5f6@${SHA.slice(1)}`, 'A1B2C3D4E5F6', 'a1b2c3d4e5f6#1@2']) {
      expect(parseRequestTag(text), text).toBeUndefined();
    }
  });

  it('are read back from the run name the template makes', () => {
    expect(parseRunTitle('ATQOS run nightly [a1b2c3d4e5f6#7]')).toEqual({ command: 'run', lane: 'nightly', tag: { id: 'a1b2c3d4e5f6', thread: 7 } });
    expect(parseRunTitle('ATQOS diagnose  [a1b2c3d4e5f6]')).toEqual({ command: 'diagnose', lane: '', tag: { id: 'a1b2c3d4e5f6' } });
    expect(parseRunTitle('ATQOS diagnose  []')).toBeUndefined();
    expect(parseRunTitle('Fix flaky test [a1b2c3d4e5f6]')).toBeUndefined();
    expect(parseRunTitle(null)).toBeUndefined();
  });
});
