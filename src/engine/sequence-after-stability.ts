import type { Finding, Task } from '../core/index.js';

/** Findings that say the suite itself is unstable: a test that fails or flips. */
const UNSTABLE = new Set<Finding['kind']>(['test_failure', 'test_error', 'flaky_test']);

/** Tasks that make a suite stable: fixing, updating or quarantining a failing or flipping test. */
const STABILIZES = new Set<Task['type']>(['fix', 'update_test', 'quarantine', 'systemic']);

/** Task types that write new tests: best attempted once the stability work has had its turn. */
const AFTER_STABILITY = new Set<Task['type']>(['add_test']);

/**
 * Orders every `add_test` task after the run's test-stability tasks (the fix, update_test,
 * quarantine or systemic tasks of failing and flaky tests, whichever plugin planned them) by
 * priority only, keeping the add_test tasks' own order. It adds no `dependsOn`: every attempt
 * starts from the run's base, where an accepted quarantine changes nothing, and the add_test
 * check already leaves known-flaky tests out — so a dependency would buy no correctness, while
 * one unfixable stability task would block every add_test, merge them all into one matrix job
 * and cost an extra checkpoint wave.
 */
export function sequenceAfterStability(tasks: readonly Task[], findings: readonly Finding[]): Task[] {
  const unstable = new Set(findings.filter((f) => UNSTABLE.has(f.kind)).map((f) => f.fingerprint));
  const stability = tasks.filter((t) => STABILIZES.has(t.type) && t.findings.some((fp) => unstable.has(fp)));
  const later = tasks.filter((t) => AFTER_STABILITY.has(t.type));
  if (stability.length === 0 || later.length === 0) return [...tasks];
  const lastStability = Math.max(...stability.map((t) => t.priority));
  const firstLater = Math.min(...later.map((t) => t.priority));
  const shift = firstLater > lastStability ? 0 : lastStability + 1 - firstLater;
  return tasks.map((t) => (AFTER_STABILITY.has(t.type) ? { ...t, priority: t.priority + shift } : t));
}
