import { isAtqosQuarantine } from '../../src/agents/builtin/quarantine-tag.js';
import type { InventoryTest, SkipEntry, SkipInventory, SkipKind } from './inventory.js';
import { skipsOf, testId } from './inventory.js';

/** One test the un-skipped run executes, as the `atqos_unskip` plugin reads it. */
export interface UnskipTarget {
  file: string;
  qualname: string[];
  neutralizeOpeningSkip: boolean;
}

export interface UnskipSelection {
  run: UnskipTarget[];
  /** Skipped tests the override cannot run, and why. */
  notExecutable: { testId: string; why: string }[];
}

const MARKERS: ReadonlySet<SkipKind> = new Set(['skip', 'skipif', 'xfail']);

/**
 * An ATQOS quarantine: a skip or xfail whose reason carries the quarantine tag. Its test belongs
 * to the flaky plugin (expiry after N days, K re-runs with the quarantine lifted): un-skipping it
 * here would call a 30%-flaky test stale whenever it happens to pass a few runs.
 */
export function isQuarantine(s: SkipEntry): boolean {
  return s.reason !== null && isAtqosQuarantine(s.reason);
}

/** The ATQOS quarantine on a test, if any. */
export function quarantineOf(inv: Pick<SkipInventory, 'skips'>, t: InventoryTest): SkipEntry | undefined {
  return skipsOf(inv, t).find(isQuarantine);
}

/** Why the override cannot lift this skip; undefined when it can. */
export function blockingReason(s: SkipEntry): string | undefined {
  if (MARKERS.has(s.kind)) return undefined;
  if (s.kind === 'call.skip' && s.neutralizable) return undefined;
  if (s.kind.startsWith('unittest.')) return `\`${s.kind}\` (line ${s.line}) is not overridden: unittest skips are left to run as written`;
  if (s.kind === 'call.skip') {
    return `pytest.skip() at line ${s.line} is not the unconditional first statement called through the pytest module: running past it could run code its author meant never to run`;
  }
  return `${s.kind.replace('call.', 'pytest.')}() at line ${s.line} decides at run time; it is not overridden`;
}

/** The skipped tests to run with their skips lifted, and those that cannot be; ATQOS quarantines are neither. Pure. */
export function selectForUnskip(inv: Pick<SkipInventory, 'tests' | 'skips'>): UnskipSelection {
  const run: UnskipTarget[] = [];
  const notExecutable: UnskipSelection['notExecutable'] = [];
  for (const t of inv.tests) {
    const skips = skipsOf(inv, t);
    if (skips.length === 0 || skips.some(isQuarantine)) continue;
    const blocked = skips.map(blockingReason).filter((x): x is string => x !== undefined);
    if (blocked.length) notExecutable.push({ testId: testId(t.file, t.qualname), why: blocked.join('; ') });
    else run.push({ file: t.file, qualname: t.qualname, neutralizeOpeningSkip: skips.some((s) => s.kind === 'call.skip') });
  }
  return { run, notExecutable };
}

/** Skips that apply on every platform whatever happens: their age is worth a git blame. ATQOS quarantines age under the flaky plugin's rules instead. */
export function isPermanent(s: SkipEntry): boolean {
  if (isQuarantine(s)) return false;
  if (s.kind === 'skip' || s.kind === 'unittest.skip') return true;
  if (s.kind === 'skipif' || s.kind === 'unittest.skipIf' || s.kind === 'unittest.skipUnless') return s.staticTruth === true;
  return s.kind === 'call.skip' && s.opening === true;
}

/** One line to blame per permanent skip and per ATQOS quarantine (its age is reported), in inventory order, deduplicated. */
export function blameTargets(inv: Pick<SkipInventory, 'skips'>, max = 200): { file: string; line: number }[] {
  const seen = new Set<string>();
  const out: { file: string; line: number }[] = [];
  for (const s of inv.skips.filter((x) => isPermanent(x) || isQuarantine(x))) {
    const key = `${s.file}\u0000${s.line}`;
    if (s.line < 1 || seen.has(key) || out.length >= max) continue;
    seen.add(key);
    out.push({ file: s.file, line: s.line });
  }
  return out;
}

/** Tests covered by at least one skip: the ones whose verdicts the audit reports. */
export function skippedTests(inv: Pick<SkipInventory, 'tests' | 'skips'>): InventoryTest[] {
  return inv.tests.filter((t) => skipsOf(inv, t).length > 0);
}
