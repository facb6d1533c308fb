import type { Finding, Task } from '../core/index.js';

/** Findings that say the suite itself is unstable: a test that fails or flips. */
const UNSTABLE = new Set<Finding['kind']>(['test_failure', 'test_error', 'flaky_test']);

/** Tasks that make a suite stable: fixing, updating or quarantining a failing or flipping test. */
const STABILIZES = new Set<Task['type']>(['fix', 'update_test', 'quarantine', 'systemic']);

/** Task types that write new tests and so need a stable suite to be judged against. */
const NEEDS_STABLE_SUITE = new Set<Task['type']>(['add_test']);

/**
 * Makes every `add_test` task depend on the run's test-stability tasks (the fix, update_test,
 * quarantine or systemic tasks of failing and flaky tests, whichever plugin planned them): a new
 * test is judged by a suite run before and after it, which an unstable suite makes meaningless.
 * The engine runs dependents in a later wave, only once those tasks succeeded.
 */
export function sequenceAfterStability(tasks: readonly Task[], findings: readonly Finding[]): Task[] {
  const unstable = new Set(findings.filter((f) => UNSTABLE.has(f.kind)).map((f) => f.fingerprint));
  const stability = tasks.filter((t) => STABILIZES.has(t.type) && t.findings.some((fp) => unstable.has(fp))).map((t) => t.id);
  if (stability.length === 0) return [...tasks];
  return tasks.map((t) => (NEEDS_STABLE_SUITE.has(t.type) ? { ...t, dependsOn: [...new Set([...t.dependsOn, ...stability])] } : t));
}
