import { parseJunit } from '../junit/parse.js';
import type { JunitCase } from '../junit/parse.js';
import { caseKey, junitKey } from '../pytest/node-ids.js';

/** A re-run's verdict on one test: passed, failed, or no verdict (skipped, xfailed, did not run). */
export type Verdict = 'pass' | 'fail';

function verdictOf(c: JunitCase): Verdict | undefined {
  if (c.outcome === 'failed' || c.outcome === 'error' || c.extra?.some((x) => x.outcome !== 'skipped')) return 'fail';
  if (c.outcome === 'passed' || c.outcome === 'xpassed') return 'pass';
  return undefined;
}

export type RoundParse = { ok: true; verdicts: Map<string, Verdict> } | { ok: false; error: string };

/**
 * The verdict of each selected node id in one JUnit report. Cases are matched to node ids the way
 * pytest's JUnit writer names them (see `junitKey`); a case for an id we did not select is ignored.
 */
export function roundVerdicts(xml: string | undefined, nodeIds: readonly string[]): RoundParse {
  if (xml === undefined) return { ok: false, error: 'pytest wrote no JUnit report' };
  const parsed = parseJunit(xml);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const byKey = new Map<string, string>();
  for (const id of nodeIds) byKey.set(junitKey(id), id);
  const verdicts = new Map<string, Verdict>();
  for (const c of parsed.report.cases) {
    // A function-level id (a quarantined, parametrized test) collects the verdicts of its cases.
    const bracket = c.name.indexOf('[');
    const id = byKey.get(caseKey(c.classname, c.name)) ?? (bracket > 0 ? byKey.get(caseKey(c.classname, c.name.slice(0, bracket))) : undefined);
    const v = id === undefined ? undefined : verdictOf(c);
    // A test reported twice (call failure + teardown error) fails if either entry failed.
    if (id !== undefined && v !== undefined && verdicts.get(id) !== 'fail') verdicts.set(id, v);
  }
  return { ok: true, verdicts };
}
