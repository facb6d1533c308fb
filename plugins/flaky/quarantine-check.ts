import { isObsoleteQuarantine } from '../../src/agents/builtin/quarantine-tag.js';
import type { CollectContext } from '../../src/plugin/contract.js';
import { blameLine } from './blame.js';
import type { QuarantineEntry, QuarantineReport, RoundLog, ScanReport } from './raw-files.js';
import { runRound } from './run-round.js';
import type { FlakyOptions } from './schema.js';

const DAY_MS = 86_400_000;
const OBSOLETE_NOTE = 'quarantined as an obsolete test: the skip audit plans its deletion; not re-evaluated for flakiness';

/** Whether a marker committed at `since` is older than `days` at `nowMs`. */
export function isExpired(since: number | undefined, nowMs: number, days: number): boolean {
  return since !== undefined && nowMs - since >= days * DAY_MS;
}

async function age(ctx: CollectContext, marker: ScanReport['markers'][number], i: number): Promise<Pick<QuarantineEntry, 'since' | 'note'>> {
  const blame = await blameLine(ctx, `blame-${i + 1}`, marker.file, marker.line);
  return blame.ok ? { since: blame.committedAtMs } : { note: `age unknown (${blame.reason}); not re-evaluated` };
}

/**
 * Dates every quarantine marker the scan found (git blame of its line) and re-runs the expired
 * ones `rounds` times with the quarantine lifted (`--runxfail`). A test that fails once has
 * answered the question (it still flakes) and leaves the rotation.
 */
export async function checkQuarantines(ctx: CollectContext, options: FlakyOptions, markers: ScanReport['markers'], rounds: number, log: RoundLog): Promise<QuarantineReport> {
  const entries: QuarantineEntry[] = [];
  const notes: string[] = [];
  for (const [i, m] of markers.slice(0, options.maxTests).entries()) {
    const nodeId = `${m.file}::${m.qualname.join('::')}`;
    const dated = await age(ctx, m, i);
    const expired = isExpired(dated.since, ctx.runStartedAtMs, options.quarantineDays);
    const obsolete = isObsoleteQuarantine(m.text);
    const note = dated.note ?? (obsolete ? OBSOLETE_NOTE : expired && !m.xfail ? 'the marker is not an xfail, so --runxfail cannot lift it; not re-evaluated' : undefined);
    entries.push({ nodeId, file: m.file, line: m.line, text: m.text, xfail: m.xfail, ...(dated.since !== undefined ? { since: dated.since } : {}), ...(note ? { note } : {}), rerun: expired && m.xfail && !obsolete });
  }
  if (markers.length > options.maxTests) notes.push(`${markers.length - options.maxTests} more quarantine marker(s) not checked (plugins.flaky.maxTests = ${options.maxTests})`);
  const failed = new Set<string>();
  const ids = entries.filter((e) => e.rerun).map((e) => e.nodeId);
  for (let round = 1; round <= rounds && ids.length; round++) {
    const active = ids.filter((id) => !failed.has(id) && !log.notFound.includes(id));
    if (active.length === 0 || ctx.signal.aborted) break;
    const result = await runRound(ctx, options, 'quarantine', round, active, ['--runxfail']);
    log.runs.push(...result.runs);
    log.notFound.push(...result.notFound);
    for (const [id, v] of result.verdicts) if (v === 'fail') failed.add(id);
  }
  return { entries, notes };
}
