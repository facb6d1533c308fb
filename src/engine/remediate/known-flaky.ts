import type { Finding } from '../../core/index.js';

/**
 * The test ids whose failures validations leave out: the run's flaky tests, except those whose
 * quarantine can be lifted (`quarantineExpired`: they passed every run) — a failure of one of
 * those now is news, a regression in a test about to be un-quarantined, so it stays checked.
 */
export function knownFlakyTests(findings: readonly Finding[]): string[] {
  const flaky = findings.filter((f) => f.kind === 'flaky_test' && f.scope.nodeId && f.evidence.details?.['quarantineExpired'] !== true);
  return [...new Set(flaky.map((f) => f.scope.nodeId as string))].sort();
}
