import type { CoverageData, FileCoverage, ParseResult } from './model.js';
import { linePercent, sortedUnique } from './model.js';
import { toRepoPath } from './repo-path.js';

interface Record_ {
  name: string;
  hits: Map<number, number>;
  branchTotal: number;
  branchHit: number;
  /** The producer's own `LF:` count of instrumented lines. */
  found?: number;
  ended: boolean;
}

function toFile(r: Record_): FileCoverage {
  const lines = [...r.hits].filter(([n]) => n >= 1);
  const executed = sortedUnique(lines.filter(([, h]) => h > 0).map(([n]) => n));
  const missing = sortedUnique(lines.filter(([, h]) => h <= 0).map(([n]) => n));
  // With LF, covered = LF − missing: coverage.py 6.5 lists docstring lines as hit `DA:` lines and
  // counts them in LH too, but never as missing, so the missing lines are the reliable part.
  const statements = r.found !== undefined && r.found >= missing.length ? r.found : lines.length;
  const file: FileCoverage = { statements, executed, missing, percent: linePercent(statements, statements - missing.length) };
  if (r.branchTotal > 0) file.branches = { total: r.branchTotal, covered: r.branchHit };
  return file;
}

function addLine(r: Record_, rest: string): boolean {
  // DA:<line>,<hits>[,<checksum>]; coverage.py 6.5 writes `DA:0,1,…` for an empty file: not a line.
  const [line, hits] = rest.split(',');
  const n = Number(line);
  const h = Number(hits);
  if (!Number.isInteger(n) || n < 0 || !Number.isFinite(h)) return false;
  r.hits.set(n, Math.max(r.hits.get(n) ?? 0, h));
  return true;
}

function addBranch(r: Record_, rest: string): void {
  // BRDA:<line>,<block>,<branch>,<taken>; `-` means the block never ran.
  const taken = rest.split(',')[3];
  if (taken === undefined) return;
  r.branchTotal++;
  if (taken !== '-' && Number(taken) > 0) r.branchHit++;
}

/** Parses an LCOV tracefile (`coverage lcov`, c8, nyc, lcov, go tools). */
export function parseLcov(text: string, repoDir: string): ParseResult {
  if (!text.trim()) return { ok: false, error: 'the LCOV report is empty: the tool wrote no report (did it crash before finishing?)' };
  const records: Record_[] = [];
  let current: Record_ | undefined;
  let bad = 0;
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('TN:') || line.startsWith('#')) continue;
    if (line.startsWith('SF:')) {
      current = { name: line.slice(3), hits: new Map(), branchTotal: 0, branchHit: 0, ended: false };
      records.push(current);
    } else if (line === 'end_of_record') {
      if (current) current.ended = true;
      current = undefined;
    } else if (!current) {
      if (!/^[A-Z]+:/.test(line)) return { ok: false, error: `not an LCOV report: line ${i + 1} is ${JSON.stringify(line.slice(0, 40))}, expected SF:<file>` };
    } else if (line.startsWith('DA:')) {
      if (!addLine(current, line.slice(3))) bad++;
    } else if (line.startsWith('BRDA:')) addBranch(current, line.slice(5));
    else if (line.startsWith('LF:')) current.found = Number(line.slice(3));
  }
  if (!records.length) return { ok: false, error: 'not an LCOV report: it has no SF: record' };
  const unended = records.filter((r) => !r.ended);
  if (unended.length) return { ok: false, error: `the LCOV report is truncated: the record for ${unended[0]!.name} has no end_of_record (report still being written, or the job killed?)` };
  const data: CoverageData = { files: {}, hasContexts: false, outside: [], notes: bad ? [`${bad} malformed DA: line(s) skipped`] : [] };
  const merged = new Map<string, Record_>();
  for (const r of records) {
    const rel = toRepoPath(r.name, repoDir);
    if (rel === undefined) { data.outside.push(r.name); continue; }
    const into = merged.get(rel);
    if (!into) { merged.set(rel, r); continue; }
    for (const [n, h] of r.hits) into.hits.set(n, Math.max(into.hits.get(n) ?? 0, h));
    into.found = undefined;
    into.branchTotal += r.branchTotal;
    into.branchHit += r.branchHit;
  }
  for (const [rel, r] of [...merged].sort(([a], [b]) => a.localeCompare(b))) data.files[rel] = toFile(r);
  return { ok: true, data };
}
