import type { JunitCase, JunitReport } from './parse.js';
import { countAttr, secondsToMs } from './xml-text.js';
import { rawAttr } from './xml-tree.js';

type Declared = NonNullable<JunitReport['declared']>;

/** Sums the counts the top-level suites declare (or the root's, when no suite declares any). */
export function declaredCounts(topSuites: unknown[], root: unknown): Declared | undefined {
  let sources = topSuites.filter((s) => countAttr(rawAttr(s, 'tests')) !== undefined);
  if (!sources.length && countAttr(rawAttr(root, 'tests')) !== undefined) sources = [root];
  if (!sources.length) return undefined;
  const d: Declared = { tests: 0, failures: 0, errors: 0, skipped: 0, timeMs: 0 };
  for (const s of sources) {
    d.tests += countAttr(rawAttr(s, 'tests')) ?? 0;
    d.failures += countAttr(rawAttr(s, 'failures')) ?? 0;
    d.errors += countAttr(rawAttr(s, 'errors')) ?? 0;
    d.skipped += countAttr(rawAttr(s, 'skipped') ?? rawAttr(s, 'skips')) ?? 0;
    d.timeMs += secondsToMs(rawAttr(s, 'time'));
  }
  d.timeMs = Math.round(d.timeMs * 1e3) / 1e3;
  return d;
}

/** Where the declared counts and the testcase elements disagree; the elements win. */
export function reconcileNotes(declared: Declared | undefined, cases: readonly JunitCase[]): string[] {
  if (!declared) return [];
  const notes: string[] = [];
  let failed = 0;
  let errors = 0;
  let skipped = 0;
  for (const c of cases) {
    if (c.outcome === 'failed') failed++;
    else if (c.outcome === 'error') errors++;
    else if (c.outcome === 'skipped' || c.outcome === 'xfailed') skipped++;
  }
  if (declared.tests !== cases.length) {
    notes.push(`declared tests=${declared.tests} but ${cases.length} testcase elements (pytest subtests?); counting the elements`);
  }
  if (declared.failures !== failed) notes.push(`declared failures=${declared.failures} but ${failed} failed testcases`);
  if (declared.errors !== errors) notes.push(`declared errors=${declared.errors} but ${errors} errored testcases`);
  if (declared.skipped !== skipped) notes.push(`declared skipped=${declared.skipped} but ${skipped} skipped testcases`);
  return notes;
}
