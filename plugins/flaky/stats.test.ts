import { describe, expect, it } from 'vitest';
import { historyStats, wilson } from './stats.js';

const entry = (outcome: 'passed' | 'failed' | 'skipped' | 'error', sha?: string) => ({ runId: 'r', startedAt: 't', outcome, ...(sha ? { sha } : {}) });

describe('wilson', () => {
  it('matches published 95% intervals', () => {
    // 3 of 10: (0.1078, 0.6032); 0 of 10: (0, 0.2775); 10 of 10: (0.7225, 1).
    expect(wilson(3, 10).low).toBeCloseTo(0.1078, 4);
    expect(wilson(3, 10).high).toBeCloseTo(0.6032, 4);
    expect(wilson(0, 10).low).toBe(0);
    expect(wilson(0, 10).high).toBeCloseTo(0.2775, 4);
    expect(wilson(10, 10).low).toBeCloseTo(0.7225, 4);
  });

  it('knows nothing from no runs', () => {
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe('historyStats', () => {
  it('counts flips oldest to newest, ignoring skips, weighting flips without a shared commit by ½', () => {
    // Newest first: P, skip, F, P, F (oldest) → chronological F P F P: 3 flips in 3 pairs.
    const s = historyStats([entry('passed'), entry('skipped'), entry('failed'), entry('passed'), entry('error')]);
    expect(s).toEqual({ runs: 4, failures: 2, sameCommitFlips: 0, crossCommitFlips: 3, flakeRate: 0.5 });
  });

  it('gives full weight to flips on the same commit', () => {
    const s = historyStats([entry('failed', 'b'), entry('passed', 'a'), entry('failed', 'a')]);
    expect(s).toMatchObject({ sameCommitFlips: 1, crossCommitFlips: 1, flakeRate: 0.75 });
  });

  it('is zero for a steady or unknown test', () => {
    expect(historyStats([entry('failed'), entry('failed')]).flakeRate).toBe(0);
    expect(historyStats(undefined)).toEqual({ runs: 0, failures: 0, sameCommitFlips: 0, crossCommitFlips: 0, flakeRate: 0 });
  });
});
