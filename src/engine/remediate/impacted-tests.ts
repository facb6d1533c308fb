import type { TestResult } from '../../core/index.js';
import type { ImpactedTestsRun } from '../../plugin/contract.js';
import { impactContext, outcomesAtBase, passedOnce, rerun, RUNS_PER_SIDE } from './impact-runs.js';
import type { ImpactRunInput, ImpactWhere, Outcomes } from './impact-runs.js';

/** What the impacted-tests check of an attempt needs besides the targeted validation's input. */
export interface ImpactCheckInput extends ImpactRunInput {
  /** Tests the run found flaky: their failures say nothing about the change, so they are left out. */
  flakyTests?: readonly string[];
  /** Test ids collected at the base commit, when listed: a test missing there is new, not broken. */
  baseTests?: readonly string[];
}

/** The check's verdict: `broken` are tests that pass at the base and fail with the change. */
export interface ImpactCheck {
  ok: boolean;
  reason: string;
  broken: string[];
  /** Tests that ran with the change (empty when nothing was impacted). */
  ran: string[];
  /** Known-flaky tests that failed with the change and were left out of the verdict. */
  flakyExcluded: string[];
  /** Tests that failed once with the change but passed when re-run: flaky, not broken. */
  flipped: string[];
}

const FAILING = new Set(['failed', 'error']);
const failing = (tests: readonly TestResult[]) => [...new Set(tests.filter((t) => FAILING.has(t.outcome)).map((t) => t.nodeId))].sort();

function ranWhat(run: ImpactedTestsRun): string {
  return run.mode === 'full' ? `the full suite (${run.reason})` : run.mode === 'impacted' ? `the impacted tests (${run.reason})` : run.reason;
}

const list = (ids: readonly string[], max = 20) => ids.slice(0, max).join(', ') + (ids.length > max ? `, …and ${ids.length - max} more` : '');

/** How the base judges a test that fails consistently with the change. */
function atBase(id: string, base: Outcomes, baseTests: ReadonlySet<string> | undefined): 'broken' | 'failed-before' | 'new' {
  const runs = base[id] ?? [];
  if (passedOnce(runs)) return 'broken';
  // No result at the base (a node id that did not match, a crash) is no proof it failed there.
  if (runs.length && runs.every((o) => o === 'absent')) return baseTests && !baseTests.has(id) ? 'new' : 'broken';
  return 'failed-before';
}

/**
 * After a task's targeted validation passed: runs the tests the attempt's diff may affect (the
 * plugin decides, falling back to its whole suite when unsure) and rejects the attempt when one
 * that passes at the base commit now fails. Known-flaky tests are left out. A failure is re-run
 * with the change, and only one failing every time is checked at the base (in a throwaway
 * worktree, up to the same number of runs): a break fails consistently with the change and
 * passes at the base. A run that produced nothing trustworthy rejects: "nothing broke" unproven is not green.
 */
export async function checkImpactedTests(input: ImpactCheckInput, w: ImpactWhere): Promise<ImpactCheck> {
  const none = { broken: [], ran: [], flakyExcluded: [], flipped: [] };
  if (!input.plugin.impactedTests) return { ok: true, reason: `plugin ${input.plugin.id} has no test impact: only the task's targets were run`, ...none };
  const after = await input.plugin.impactedTests(impactContext(input, w, 'impact'));
  if (after.mode === 'none') return { ok: true, reason: `no other test is impacted: ${after.reason}`, ...none };
  if (!after.tests) return { ok: false, reason: `the impacted tests could not be run: ${after.problem ?? 'no outcomes'} — ran ${ranWhat(after)}`, ...none };
  const ran = after.tests.map((t) => t.nodeId);
  const known = new Set(input.flakyTests ?? []);
  const failed = failing(after.tests);
  const flakyExcluded = failed.filter((id) => known.has(id));
  const excludedNote = flakyExcluded.length ? `; left out as known flaky: ${list(flakyExcluded)}` : '';
  const candidates = failed.filter((id) => !known.has(id));
  const base = { ran, flakyExcluded, flipped: [] as string[], broken: [] as string[] };
  if (candidates.length === 0) return { ok: true, reason: `ran ${ran.length} test(s), ${ranWhat(after)}: none fails${excludedNote}`, ...base };
  const withChange: Outcomes = Object.fromEntries(candidates.map((id) => [id, ['failed']]));
  const problem = await rerun(input, w, 'impact-recheck', candidates, RUNS_PER_SIDE - 1, withChange, (id) => passedOnce(withChange[id]));
  if (problem) return { ok: false, reason: `${candidates.length} impacted test(s) fail with the change (${list(candidates, 10)}) and could not be re-run: ${problem}`, ...base };
  base.flipped = candidates.filter((id) => passedOnce(withChange[id]));
  const consistent = candidates.filter((id) => !passedOnce(withChange[id]));
  const flippedNote = base.flipped.length ? `; failed once but passed when re-run (flaky, not broken): ${list(base.flipped)}` : '';
  if (consistent.length === 0) return { ok: true, reason: `ran ${ran.length} test(s), ${ranWhat(after)}: no test fails consistently${flippedNote}${excludedNote}`, ...base };
  const atBaseRuns = await outcomesAtBase(input, w, consistent);
  if ('problem' in atBaseRuns) return { ok: false, reason: `${consistent.length} impacted test(s) fail with the change (${list(consistent, 10)}) and could not be checked at the base commit: ${atBaseRuns.problem}`, ...base };
  const baseTests = input.baseTests ? new Set(input.baseTests) : undefined;
  const verdicts = consistent.map((id) => [id, atBase(id, atBaseRuns.outcomes, baseTests)] as const);
  base.broken = verdicts.filter(([, v]) => v === 'broken').map(([id]) => id);
  const before = verdicts.filter(([, v]) => v === 'failed-before').length;
  const added = verdicts.filter(([, v]) => v === 'new').map(([id]) => id);
  const notes = `${before ? `; ${before} failed before the change too` : ''}${added.length ? `; new test(s) not at the base: ${list(added)}` : ''}${flippedNote}${excludedNote}`;
  if (base.broken.length === 0) return { ok: true, reason: `ran ${ran.length} test(s), ${ranWhat(after)}: no test that passed before fails${notes}`, ...base };
  return { ok: false, reason: `the change breaks ${base.broken.length} previously passing test(s): ${list(base.broken)} (they fail ${RUNS_PER_SIDE}× with the change and pass at the base commit or have no result there; ran ${ranWhat(after)}${notes})`, ...base };
}
