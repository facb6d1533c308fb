import fs from 'node:fs';
import path from 'node:path';
import type { CollectContext, CollectResult, RawArtifact } from '../../src/plugin/contract.js';
import type { ExecResult } from '../../src/runner/types.js';
import { failingTests, quarantinedCases } from './candidates.js';
import { checkQuarantines } from './quarantine-check.js';
import { RAW } from './raw-files.js';
import type { HistoryFile, QuarantineReport, RoundLog, Selection } from './raw-files.js';
import { rerunTests } from './reruns.js';
import { runScan } from './scan.js';
import { parseOptions } from './schema.js';

/** Runs a lane's re-runs: the lane's `reruns`, else the plugin's. */
export function rerunCount(ctx: CollectContext, reruns: number): number {
  return ctx.lane.reruns ?? reruns;
}

/** History as normalize reads it; a commit is kept when the index records one. */
function historyFile(ctx: CollectContext, nodeIds: string[]): HistoryFile {
  const out: HistoryFile = {};
  for (const [id, entries] of ctx.history('pytest', nodeIds)) {
    out[id] = entries.map((e) => ({ runId: e.runId, startedAt: e.startedAt, outcome: e.outcome, ...(e.baseSha ? { sha: e.baseSha } : {}) }));
  }
  return out;
}

/**
 * Re-runs this run's pytest failures K times on the same checkout, records their history and
 * static evidence, and re-evaluates expired quarantines (whose history it records too). With no failures, no test is re-run;
 * the quarantine check (one static scan) still runs, since quarantines expire on their own clock.
 */
export async function collect(ctx: CollectContext): Promise<CollectResult> {
  const options = parseOptions(ctx.options);
  const rounds = rerunCount(ctx, options.reruns);
  const write = (file: string, data: unknown) => fs.writeFileSync(path.join(ctx.runDir, ctx.rawDir, file), `${JSON.stringify(data, null, 1)}\n`);
  const rel = (file: string) => path.posix.join(ctx.rawDir.replace(/\\/g, '/'), file);
  const candidates = failingTests(ctx.earlier);
  const chosen = candidates.slice(0, options.maxTests);
  const selection: Selection = { reruns: rounds, earlyStop: options.earlyStop, tests: chosen, notRerun: candidates.slice(options.maxTests).map((c) => c.nodeId) };
  write(RAW.selection, selection);
  const ids = chosen.map((c) => c.nodeId);
  const log: RoundLog = { runs: [], notFound: [] };
  const execs: Record<string, ExecResult> = {};
  if (ids.length) await rerunTests(ctx, options, ids, rounds, log);
  const scan = await runScan(ctx, options, ids);
  execs['scan'] = scan.exec;
  const quarantine: QuarantineReport = scan.report
    ? await checkQuarantines(ctx, options, scan.report.markers, rounds, log)
    : { entries: [], notes: scan.notes };
  for (const e of quarantine.entries) e.nodeIds = quarantinedCases(ctx.earlier, e.nodeId);
  // Quarantined tests keep running (as xfail) in full lanes: their history is the data expiry needs.
  const historyIds = [...new Set([...ids, ...quarantine.entries.flatMap((e) => e.nodeIds ?? [])])];
  if (historyIds.length) write(RAW.history, historyFile(ctx, historyIds));
  write(RAW.quarantine, quarantine);
  write(RAW.rounds, log);
  const artifacts: RawArtifact[] = [
    ...Object.entries(RAW).map(([name, file]) => ctx.artifact(name, rel(file))),
    ...log.runs.map((r) => ctx.artifact(r.artifact, rel(`${r.artifact}.xml`))),
  ];
  ctx.log.info({ tests: ids.length, rounds, invocations: log.runs.length, quarantines: quarantine.entries.length }, 'flaky collect finished');
  return { artifacts, execs };
}
