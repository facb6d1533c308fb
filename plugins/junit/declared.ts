import type { JunitCase, JunitReport } from './parse.js';
import { countAttr, secondsToMs } from './xml-text.js';
import { rawAttr } from './xml-tree.js';

type Declared = NonNullable<JunitReport['declared']>;

/** Sums the counts the top-level suites declare (or the root's, when no suite declares any). */
export function declaredCounts(topSuites: readonly unknown[], root: unknown): Declared | undefined {
  let sources: readonly unknown[] = topSuites.filter((s) => countAttr(rawAttr(s, '@_tests')) !== undefined);
  if (!sources.length && countAttr(rawAttr(root, '@_tests')) !== undefined) sources = [root];
  if (!sources.length) return undefined;
  const d: Declared = { tests: 0, failures: 0, errors: 0, skipped: 0, timeMs: 0 };
  for (const s of sources) {
    d.tests += countAttr(rawAttr(s, '@_tests')) ?? 0;
    d.failures += countAttr(rawAttr(s, '@_failures')) ?? 0;
    d.errors += countAttr(rawAttr(s, '@_errors')) ?? 0;
    d.skipped += countAttr(rawAttr(s, '@_skipped') ?? rawAttr(s, '@_skips')) ?? 0;
    d.timeMs += secondsToMs(rawAttr(s, '@_time'));
  }
  d.timeMs = Math.round(d.timeMs * 1e3) / 1e3;
  return d;
}

/**
 * Where the declared counts and the testcase elements disagree; the elements win. Result
 * elements are counted the way producers count them: every <failure>, <error> and <skipped>,
 * including a second one in the same testcase.
 */
export function reconcileNotes(declared: Declared | undefined, cases: readonly JunitCase[], elements: number): string[] {
  if (!declared) return [];
  const notes: string[] = [];
  const seen = { failed: 0, error: 0, skipped: 0 };
  for (const c of cases) {
    const outcome = c.outcome === 'xfailed' ? 'skipped' : c.outcome;
    if (outcome === 'failed' || outcome === 'error' || outcome === 'skipped') seen[outcome]++;
    if (c.extra) for (const e of c.extra) seen[e.outcome]++;
  }
  const [failed, errors, skipped] = [seen.failed, seen.error, seen.skipped];
  if (declared.tests !== elements) {
    notes.push(`declared tests=${declared.tests} but ${elements} testcase elements (pytest subtests?); counting the elements`);
  }
  if (declared.failures !== failed) notes.push(`declared failures=${declared.failures} but ${failed} failed testcases`);
  if (declared.errors !== errors) notes.push(`declared errors=${declared.errors} but ${errors} errored testcases`);
  if (declared.skipped !== skipped) notes.push(`declared skipped=${declared.skipped} but ${skipped} skipped testcases`);
  return notes;
}

/**
 * Failures and errors the suites declare beyond what their testcase elements show: jest-junit's
 * `<testsuite errors="1" tests="0">` for a test file that did not compile, for one. They are real
 * problems with no testcase to point at, so the report must never read as green.
 */
export function unexplainedProblems(declared: Declared | undefined, cases: readonly JunitCase[]): number {
  if (!declared) return 0;
  let shown = 0;
  for (const c of cases) {
    if (c.outcome === 'failed' || c.outcome === 'error') shown++;
    if (c.extra) for (const e of c.extra) if (e.outcome !== 'skipped') shown++;
  }
  return Math.max(0, declared.failures + declared.errors - shown);
}
