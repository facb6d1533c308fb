import { isAtqosQuarantine, isObsoleteQuarantine } from '../../src/agents/builtin/quarantine-tag.js';
import { fingerprint, stableId } from '../../src/core/index.js';
import type { Finding } from '../../src/core/index.js';
import type { BlameLine } from './blame.js';
import type { ImportCheck, InventoryTest, SkipEntry, SkipInventory } from './inventory.js';
import type { EarlierObsolete } from './quarantine-evidence.js';
import { skipsOf, testId } from './inventory.js';
import { isPermanent } from './select.js';

/**
 * The removed-import reason a quarantine task puts in the marker, and how to read it back:
 * `imports <name> from <module>, which no longer defines it`.
 */
export const removedImportReason = (name: string, module: string): string => `imports ${name} from ${module}, which no longer defines it`;
const REMOVED_IMPORT = /imports ([A-Za-z_]\w*) from ([A-Za-z_][\w.]*), which no longer defines it/;

/** The module and name a quarantine reason says were removed, if it says so. */
export function removedImportOf(reason: string): { module: string; name: string } | undefined {
  const m = REMOVED_IMPORT.exec(reason);
  return m ? { name: m[1]!, module: m[2]! } : undefined;
}

/** An ATQOS quarantine marker directly on a test function. */
export function isQuarantineMarker(s: SkipEntry): boolean {
  return s.kind === 'xfail' && s.scope === 'function' && isAtqosQuarantine(s.reason ?? '');
}

/**
 * An ATQOS quarantine marker given for an obsolete test: only those end in deletion. A flaky
 * test's quarantine is the flaky plugin's to re-evaluate, whatever else says about the test.
 */
export function isObsoleteQuarantineMarker(s: SkipEntry): boolean {
  return isQuarantineMarker(s) && isObsoleteQuarantine(s.reason ?? '');
}

/** Why a quarantined test is still obsolete now, and the findings that said so before. */
interface StillObsolete { why: string; supersedes: string[] }

const skipFp = (...parts: string[]) => fingerprint(['skip-audit', ...parts]);

function stillObsolete(inv: SkipInventory, t: InventoryTest, marker: SkipEntry, earlier: readonly EarlierObsolete[]): StillObsolete | undefined {
  const id = testId(t.file, t.qualname);
  const removed = removedImportOf(marker.reason ?? '');
  const check: ImportCheck | undefined = removed && inv.imports.find((c) => c.module === removed.module && c.name === removed.name);
  if (check && check.defines === false && check.file) {
    return { why: `it still imports ${check.name} from ${check.module}: ${check.why}`, supersedes: [skipFp('obsolete_test', 'removed-import', stableId(t.file), check.module, check.name)] };
  }
  const permanent = skipsOf(inv, t).find((s) => s !== marker && isPermanent(s));
  if (permanent) {
    return { why: `it is still skipped unconditionally (line ${permanent.line}, reason: ${permanent.reason ?? 'none'})`, supersedes: [skipFp('obsolete_test', 'permanent-skip', stableId(testId(permanent.file, permanent.target)))] };
  }
  const coverage = earlier.filter((f) => f.tool !== 'skip-audit' && f.nodeId.split('[')[0] === id);
  if (coverage.length) return { why: `${coverage[0]!.tool} says: ${coverage[0]!.title}`, supersedes: coverage.map((f) => f.fingerprint) };
  return undefined;
}

export interface QuarantinedInput {
  inv: SkipInventory;
  /** git blame of each quarantine marker's line, by `file:line`. */
  blame: (file: string, line: number) => BlameLine | undefined;
  /** Other plugins' obsolete_test findings of this run (coverage: the test runs no project code). */
  earlier: readonly EarlierObsolete[];
  ageDays: (b: BlameLine) => number;
  deleteAfterDays: number;
}

/**
 * Tests that carry an ATQOS quarantine marker for an obsolete test and are still obsolete by the
 * evidence the marker names (a removed import that is still gone, a permanent skip still in
 * place, an earlier plugin still calling it obsolete): one `obsolete_test` finding each, with
 * when it was quarantined (git blame of the marker line). Planned as `delete_test` once older
 * than `deleteAfterDays`. A flaky quarantine never counts, even on a test coverage calls
 * obsolete. Pure.
 */
export function quarantinedFindings(input: QuarantinedInput): Finding[] {
  const out: Finding[] = [];
  for (const t of input.inv.tests) {
    const marker = skipsOf(input.inv, t).find(isObsoleteQuarantineMarker);
    const blame = marker && input.blame(marker.file, marker.line);
    if (!marker || !blame?.committed) continue;
    const still = stillObsolete(input.inv, t, marker, input.earlier);
    if (still) out.push(quarantinedFinding(t, marker, blame, input.ageDays(blame), input.deleteAfterDays, still));
  }
  return out;
}

function quarantinedFinding(t: InventoryTest, marker: SkipEntry, blame: BlameLine, ageDays: number, deleteAfterDays: number, still: StillObsolete): Finding {
  const id = testId(t.file, t.qualname);
  const since = new Date(blame.authorTimeMs).toISOString().slice(0, 10);
  const due = ageDays > deleteAfterDays;
  return {
    tool: 'skip-audit', kind: 'obsolete_test', severity: 'low', category: 'skip',
    scope: { file: t.file, symbol: t.qualname.join('.'), nodeId: id, line: marker.line },
    fingerprint: skipFp('obsolete_test', 'quarantined', stableId(id)),
    title: `${id} was quarantined ${ageDays} days ago (${since}) and is still obsolete${due ? ': delete it' : ''}`.slice(0, 200),
    message: `${id} carries an ATQOS quarantine marker since ${since} (commit ${blame.commit.slice(0, 12)}, ${ageDays} days; marker reason: "${marker.reason}"), and ${still.why}. ${due ? `Quarantined longer than ${deleteAfterDays} days: a delete_test task removes it.` : `It becomes a delete_test task after ${deleteAfterDays} days of quarantine.`}`,
    evidence: {
      sourceFiles: [t.file],
      details: { quarantinedSince: since, quarantineAgeDays: ageDays, quarantineCommit: blame.commit, markerReason: marker.reason, stillObsolete: still.why, deleteAfterDays, due, tests: [id] },
    },
    artifacts: [],
    supersedes: [...still.supersedes, skipFp('skip_stale', stableId(id))],
  };
}
