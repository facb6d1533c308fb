import type { HistoryFile } from './raw-files.js';

/** z for a two-sided 95% interval. */
const Z95 = 1.959964;

/**
 * Wilson score interval for a binomial proportion (`k` successes of `n`), 95%. Unlike the normal
 * approximation it stays inside [0, 1] and is sensible for the small n of a few re-runs.
 */
export function wilson(k: number, n: number, z = Z95): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, center - half), high: Math.min(1, center + half) };
}

/** Weight of a flip between runs on different (or unknown) commits: a code change may explain it. */
export const CROSS_COMMIT_WEIGHT = 0.5;

export interface HistoryStats {
  /** Earlier runs with a pass or fail outcome (skips say nothing; xfails only under quarantine). */
  runs: number;
  failures: number;
  /** Outcome changes between consecutive runs, on the same commit and otherwise. */
  sameCommitFlips: number;
  crossCommitFlips: number;
  /** (same-commit flips + ½ × other flips) / (runs − 1); 0 with fewer than two runs. */
  flakeRate: number;
}

/**
 * A run's outcome as pass or fail. Under an ATQOS quarantine (a non-strict xfail) the test keeps
 * running: `xfailed` is its failure and `xpassed` its pass. Elsewhere an xfail is expected and
 * says nothing, like a skip.
 */
function verdict(o: string, quarantined: boolean): 'pass' | 'fail' | undefined {
  if (o === 'passed' || o === 'xpassed') return 'pass';
  if (o === 'failed' || o === 'error' || (quarantined && o === 'xfailed')) return 'fail';
  return undefined;
}

/**
 * Flip counts of one test's earlier outcomes (history comes newest first). `quarantined`: the
 * test is under an ATQOS quarantine, so its xfails are failures.
 */
export function historyStats(entries: HistoryFile[string] | undefined, quarantined = false): HistoryStats {
  const runs = [...(entries ?? [])].reverse().flatMap((e) => {
    const v = verdict(e.outcome, quarantined);
    return v ? [{ v, sha: e.sha }] : [];
  });
  let same = 0;
  let cross = 0;
  for (let i = 1; i < runs.length; i++) {
    const [a, b] = [runs[i - 1]!, runs[i]!];
    if (a.v === b.v) continue;
    if (a.sha !== undefined && a.sha === b.sha) same++;
    else cross++;
  }
  const flakeRate = runs.length < 2 ? 0 : (same + CROSS_COMMIT_WEIGHT * cross) / (runs.length - 1);
  return { runs: runs.length, failures: runs.filter((r) => r.v === 'fail').length, sameCommitFlips: same, crossCommitFlips: cross, flakeRate };
}

/** A quarantined test's history over all its cases: flips and failures summed, xfails counted as failures. */
export function quarantineStats(history: HistoryFile, nodeIds: readonly string[]): HistoryStats {
  const per = nodeIds.map((id) => historyStats(history[id], true));
  const sum = (k: 'runs' | 'failures' | 'sameCommitFlips' | 'crossCommitFlips') => per.reduce((n, h) => n + h[k], 0);
  const pairs = per.reduce((n, h) => n + Math.max(0, h.runs - 1), 0);
  const [same, cross] = [sum('sameCommitFlips'), sum('crossCommitFlips')];
  return { runs: sum('runs'), failures: sum('failures'), sameCommitFlips: same, crossCommitFlips: cross, flakeRate: pairs ? (same + CROSS_COMMIT_WEIGHT * cross) / pairs : 0 };
}
