import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../reports/index.js';

/** A plain file name: no directories, no dot files, JSON only. */
export const REPORT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}\.json$/;

/**
 * Writes the JSON reports a plugin returned (`NormalizeOutput.reports`) under `reports/`, right
 * away, so a run killed later keeps them. Names were checked by `runPlugin` (plain `.json` file
 * names); anything else is skipped here too, so a plugin can never write elsewhere.
 */
export function writePluginReports(runDir: string, reports: Record<string, unknown> | undefined): { path: string; kind: string; bytes: number }[] {
  const out: { path: string; kind: string; bytes: number }[] = [];
  for (const [name, value] of Object.entries(reports ?? {})) {
    if (!REPORT_NAME.test(name)) continue;
    const rel = `reports/${name}`;
    writeFileAtomic(path.join(runDir, rel), `${JSON.stringify(value, null, 2)}\n`);
    out.push({ path: rel, kind: 'report', bytes: fs.statSync(path.join(runDir, rel)).size });
  }
  return out;
}
