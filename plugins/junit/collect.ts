import fs from 'node:fs';
import path from 'node:path';
import type { CollectContext, CollectResult } from '../../src/plugin/contract.js';

const COPIED_REPORT = /^(\d+)-.+/;

/**
 * Registers the reports the engine copied to `raw/junit/<n>-<basename>` as `report-<n>`.
 * Nothing runs: JUnit reports come from tools that ran elsewhere.
 */
export async function collectJunit(ctx: CollectContext): Promise<CollectResult> {
  const dir = path.join(ctx.runDir, ctx.rawDir);
  const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  const reports = names
    .map((name) => ({ name, n: COPIED_REPORT.exec(name)?.[1] }))
    .filter((r): r is { name: string; n: string } => r.n !== undefined)
    .sort((a, b) => Number(a.n) - Number(b.n));
  if (!reports.length) ctx.log.warn({ dir: ctx.rawDir }, 'no JUnit reports to ingest');
  const rawDir = ctx.rawDir.split(path.sep).join('/');
  return { artifacts: reports.map((r) => ctx.artifact(`report-${r.n}`, `${rawDir}/${r.name}`)) };
}
