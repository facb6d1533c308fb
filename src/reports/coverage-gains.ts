import type { Attempt, CoverageNumbers, Task, ValidationResult } from '../core/index.js';

/** What one task's validation measured of the module it targets (add_test tasks). */
export interface CoverageGain {
  task: string;
  title: string;
  /** Whether the attempt that measured it was accepted (a rejected one shows why it was not kept). */
  accepted: boolean;
  attempt: number;
  module: string;
  before: CoverageNumbers;
  after: CoverageNumbers;
  gain: { covered: number; percent: number };
  newTests: string[];
  /** Runs of the validation that passed, of how many, in order. */
  runs: { passed: number; total: number };
  /** Tests left out of the regression check (already known to be flaky). */
  excluded: string[];
}

/** The gain as numbers: covered statements and percentage points, rounded to hundredths. */
export function coverageGainOf(c: { before: CoverageNumbers; after: CoverageNumbers }): CoverageGain['gain'] {
  return { covered: c.after.covered - c.before.covered, percent: Math.round((c.after.percent - c.before.percent) * 100) / 100 };
}

/** How many of a validation's runs passed, of how many. */
export function runsPassed(v: Pick<ValidationResult, 'runs'>): CoverageGain['runs'] {
  const runs = v.runs ?? [];
  return { passed: runs.filter((r) => r.ok).length, total: runs.length };
}

/**
 * One entry per task whose validation measured a coverage change: its accepted attempt's, else
 * its last measured one's. The roll-up behind "coverage gain per task" in the reports.
 */
export function rollUpCoverageGains(tasks: readonly Task[], attempts: readonly Attempt[]): CoverageGain[] {
  const out: CoverageGain[] = [];
  for (const task of tasks) {
    const measured = attempts.filter((a) => a.taskId === task.id && a.validation?.details?.coverage).sort((a, b) => a.n - b.n);
    const pick = measured.filter((a) => a.outcome === 'accepted').at(-1) ?? measured.at(-1);
    const v = pick?.validation;
    const coverage = v?.details?.coverage;
    if (!pick || !v || !coverage) continue;
    out.push({
      task: task.id, title: task.title, accepted: pick.outcome === 'accepted', attempt: pick.n,
      module: coverage.module, before: coverage.before, after: coverage.after, gain: coverageGainOf(coverage),
      newTests: v.details?.newTests ?? [], runs: runsPassed(v), excluded: (v.details?.excluded ?? []).map((e) => e.nodeId),
    });
  }
  return out;
}
