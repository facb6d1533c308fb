import type { CtrfStatus, CtrfSummary, CtrfTest } from './schema.js';

const STATUSES: readonly CtrfStatus[] = ['passed', 'failed', 'skipped', 'pending', 'other'];

function tally(tests: readonly CtrfTest[]): Record<CtrfStatus, number> {
  const seen: Record<CtrfStatus, number> = { passed: 0, failed: 0, skipped: 0, pending: 0, other: 0 };
  for (const t of tests) seen[t.status]++;
  return seen;
}

/** Where `results.summary` and the test entries disagree; the entries win. */
export function reconcileNotes(summary: CtrfSummary | undefined, tests: readonly CtrfTest[]): string[] {
  if (!summary) return [];
  const notes: string[] = [];
  if (summary.tests !== undefined && summary.tests !== tests.length) notes.push(`summary declares tests=${summary.tests} but the report lists ${tests.length}; counting the listed tests`);
  const seen = tally(tests);
  for (const s of STATUSES) {
    const declared = summary[s];
    if (declared !== undefined && declared !== seen[s]) notes.push(`summary declares ${s}=${declared} but ${seen[s]} listed tests are ${s}`);
  }
  return notes;
}

/**
 * Failures the summary declares beyond the failed tests listed (a test file that crashed before
 * reporting its tests, a shard cut short): real problems with no test to point at, never green.
 */
export function unexplainedFailures(summary: CtrfSummary | undefined, tests: readonly CtrfTest[]): number {
  if (summary?.failed === undefined) return 0;
  return Math.max(0, summary.failed - tally(tests).failed);
}
