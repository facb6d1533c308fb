import type { InventoryTest, SkipEntry, SkipInventory } from './inventory.js';
import { skipsOf, testId } from './inventory.js';
import type { ConditionalMark, RoundResult, RoundVerdict } from './outcomes.js';
import { blockingReason, quarantineOf } from './select.js';

/** When an ATQOS quarantine was committed (git blame of its line), as far as known. */
export type QuarantineAge = (file: string, line: number) => { ageDays: number; since: string } | undefined;

/** Whether a skip stops the test here: true, false, or unknown (decided at run time, not run). */
export type Applies = boolean | undefined;

/** What the audit concluded about one skipped test. */
export interface TestVerdict {
  id: string;
  test: InventoryTest;
  skips: SkipEntry[];
  /** Per skip (same order as `skips`). */
  applies: Applies[];
  rounds: RoundVerdict[];
  status: 'stale' | 'still-fails' | 'still-skipped' | 'flaky-pass' | 'runs-here' | 'not-executable' | 'not-run' | 'quarantined';
  /** Evaluated skipif/xfail conditions of the first round, matched to `skips`. */
  conditions: (ConditionalMark | undefined)[];
  why?: string;
}

/** The evaluated marker of `s` among a test's evaluated markers: same mark and reason, first unused. */
function matchConditional(s: SkipEntry, marks: readonly ConditionalMark[], used: Set<number>): ConditionalMark | undefined {
  const i = marks.findIndex((m, k) => !used.has(k) && m.mark === s.kind && (m.reason ?? null) === s.reason);
  const j = i === -1 ? marks.findIndex((m, k) => !used.has(k) && m.mark === s.kind) : i;
  if (j === -1) return undefined;
  used.add(j);
  return marks[j];
}

function appliesHere(s: SkipEntry, evaluated: ConditionalMark | undefined): Applies {
  if (s.kind === 'skip' || s.kind === 'unittest.skip' || s.kind === 'unittest.expectedFailure') return true;
  if (s.kind === 'call.skip') return s.opening ? true : undefined;
  if (s.kind === 'skipif' || s.kind === 'xfail') {
    if (evaluated) return evaluated.unconditional || evaluated.conditions.some((c) => c.result === true) || (evaluated.conditions.every((c) => c.result === false) ? false : undefined);
    if (s.kind === 'xfail' && s.conditions.length === 0) return true;
    return s.staticTruth ?? undefined;
  }
  if (s.kind === 'unittest.skipIf' || s.kind === 'unittest.skipUnless') return s.staticTruth ?? undefined;
  return undefined;
}

function statusOf(v: Pick<TestVerdict, 'rounds' | 'applies'>, reruns: number, blocked: string | undefined): TestVerdict['status'] {
  if (blocked) return 'not-executable';
  if (v.rounds.length === 0) return 'not-run';
  const last = v.rounds[v.rounds.length - 1]!;
  if (last === 'failed') return v.rounds.length > 1 ? 'flaky-pass' : 'still-fails';
  if (last === 'skipped' || last === 'missing') return last === 'skipped' ? 'still-skipped' : 'not-run';
  if (v.rounds.length < reruns) return 'not-run';
  return v.applies.some((a) => a === true) ? 'stale' : 'runs-here';
}

function quarantineWhy(q: SkipEntry, age: ReturnType<QuarantineAge>): string {
  const when = age ? `since ${age.since} (${age.ageDays} days)` : 'age unknown (no git history for the marker line)';
  return `ATQOS quarantine at line ${q.line}, ${when}: left to the flaky plugin's expiry re-evaluation, not run un-skipped here`;
}

/**
 * Verdict per skipped test, from the inventory and the un-skipped rounds (round 1 first). A test
 * under an ATQOS quarantine is `quarantined`, with its age: never run, never a finding. Pure.
 */
export function testVerdicts(inv: Pick<SkipInventory, 'tests' | 'skips'>, rounds: readonly RoundResult[], reruns: number, age: QuarantineAge = () => undefined): TestVerdict[] {
  const out: TestVerdict[] = [];
  for (const test of inv.tests) {
    const skips = skipsOf(inv, test);
    if (skips.length === 0) continue;
    const id = testId(test.file, test.qualname);
    const quarantine = quarantineOf(inv, test);
    if (quarantine) {
      out.push({ id, test, skips, applies: skips.map(() => undefined), rounds: [], status: 'quarantined', conditions: skips.map(() => undefined), why: quarantineWhy(quarantine, age(quarantine.file, quarantine.line)) });
      continue;
    }
    const marks = rounds[0]?.report?.items.find((i) => testId(i.file, i.qualname) === id)?.conditionals ?? [];
    const used = new Set<number>();
    const conditions = skips.map((s) => (s.kind === 'skipif' || s.kind === 'xfail' ? matchConditional(s, marks, used) : undefined));
    const applies = skips.map((s, i) => appliesHere(s, conditions[i]));
    const verdicts = rounds.map((r) => r.verdicts.get(id)?.verdict).filter((x): x is RoundVerdict => x !== undefined);
    const blocked = skips.map(blockingReason).find((x) => x !== undefined);
    const status = statusOf({ rounds: verdicts, applies }, reruns, blocked);
    out.push({ id, test, skips, applies, rounds: verdicts, status, conditions, ...(blocked ? { why: blocked } : {}) });
  }
  return out;
}
