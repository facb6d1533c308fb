import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/index.js';
import { supersede } from './supersede.js';

const f = (fp: string, supersedes?: string[]): Finding => ({
  tool: 't', kind: 'test_failure', severity: 'high', category: 'assertion', scope: {}, fingerprint: fp.repeat(16), title: fp, message: fp,
  evidence: { sourceFiles: [] }, artifacts: [], ...(supersedes ? { supersedes: supersedes.map((s) => s.repeat(16)) } : {}),
});

describe('supersede', () => {
  it('drops what another finding explains and keeps the explanation', () => {
    const { kept, dropped } = supersede([f('a'), f('b', ['a']), f('c')]);
    expect(kept.map((x) => x.title)).toEqual(['b', 'c']);
    expect(dropped.map((x) => x.title)).toEqual(['a']);
  });

  it('ignores self-claims and claims on unknown fingerprints', () => {
    expect(supersede([f('a', ['a', 'z'])]).kept.map((x) => x.title)).toEqual(['a']);
  });

  it('keeps both of two findings that claim each other', () => {
    expect(supersede([f('a', ['b']), f('b', ['a'])]).kept).toHaveLength(2);
  });
});
