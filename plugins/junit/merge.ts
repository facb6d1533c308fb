import type { JunitCase } from './parse.js';

const TEARDOWN = /teardown/i;

/**
 * Older pytest writes a second `<testcase>` with the same classname and name when a test's
 * teardown errors after the call; newer pytest puts both results in one testcase. Folds the
 * second entry into the first so both shapes read the same. Only that shape is merged:
 * identical names are legal elsewhere (jest allows two tests with one title).
 */
export function mergeTeardownDuplicates(cases: JunitCase[], start: number): void {
  let kept = start + 1;
  for (let i = start + 1; i < cases.length; i++) {
    const prev = cases[kept - 1] as JunitCase;
    const cur = cases[i] as JunitCase;
    if (isTeardownDuplicate(prev, cur)) foldInto(prev, cur);
    else cases[kept++] = cur;
  }
  cases.length = Math.min(cases.length, kept);
}

function isTeardownDuplicate(prev: JunitCase, cur: JunitCase): boolean {
  return (
    cur.outcome === 'error' &&
    cur.name === prev.name &&
    cur.classname === prev.classname &&
    cur.suite === prev.suite &&
    TEARDOWN.test(cur.message ?? '')
  );
}

function foldInto(prev: JunitCase, cur: JunitCase): void {
  prev.durationMs += cur.durationMs;
  const err = { outcome: 'error' as const, message: cur.message, type: cur.type, details: cur.details };
  if (prev.outcome === 'failed' || prev.outcome === 'error') {
    prev.extra = [...(prev.extra ?? []), dropUndefined(err), ...(cur.extra ?? [])];
    return;
  }
  // A passed or skipped call followed by a teardown error: the error is the case's outcome.
  const earlier = prev.outcome === 'skipped' || prev.outcome === 'xfailed'
    ? [dropUndefined({ outcome: 'skipped' as const, message: prev.message, type: prev.type, details: prev.details })]
    : [];
  prev.outcome = 'error';
  setOrDelete(prev, 'message', cur.message);
  setOrDelete(prev, 'type', cur.type);
  setOrDelete(prev, 'details', cur.details);
  const extra = [...(prev.extra ?? []), ...earlier, ...(cur.extra ?? [])];
  if (extra.length) prev.extra = extra;
  if (cur.systemOut && !prev.systemOut) prev.systemOut = cur.systemOut;
  if (cur.systemErr && !prev.systemErr) prev.systemErr = cur.systemErr;
}

function setOrDelete(c: JunitCase, key: 'message' | 'type' | 'details', value: string | undefined): void {
  if (value === undefined) delete c[key];
  else c[key] = value;
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
