import type { TestOutcome } from '../../src/core/index.js';
import type { CtrfTest } from './schema.js';

// `other` is what a producer writes for a status CTRF has no word for. These raw statuses mean
// "not run"; any other `other` (interrupted, crashed, unknown) is not a pass and must not hide.
const NOT_RUN = /^(?:todo|disabled|ignored|skipped|pending)$/i;

/**
 * Our outcome for a CTRF test. `rawStatus` refines it where CTRF folds two of ours into one
 * (ATQOS's own ctrf.json writes `error`, `xfailed` and `xpassed` there), so a round trip keeps them.
 */
export function ctrfOutcome(t: Pick<CtrfTest, 'status' | 'rawStatus'>): TestOutcome {
  const raw = t.rawStatus?.trim().toLowerCase();
  switch (t.status) {
    case 'passed': return raw === 'xpassed' ? 'xpassed' : 'passed';
    case 'failed': return raw === 'error' ? 'error' : 'failed';
    case 'skipped': return raw === 'xfailed' ? 'xfailed' : 'skipped';
    case 'pending': return 'skipped';
    case 'other': return raw && NOT_RUN.test(raw) ? 'skipped' : 'error';
  }
}

/** A test that passed only after failing: CTRF's `flaky`, or a failed earlier attempt on record. */
export function passedAfterRetry(t: CtrfTest): boolean {
  if (t.status !== 'passed') return false;
  return t.flaky === true || (t.retryAttempts ?? []).some((a) => a.status === 'failed');
}
