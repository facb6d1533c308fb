import type { CoverageData, FileCoverage } from '../coverage/formats/index.js';
import { linePercent, sortedUnique } from '../coverage/formats/model.js';

/**
 * Several reports of one suite (shards, or one per job) as one measurement: a line is executed
 * when any report executed it, missing when every report that lists it missed it. Union by
 * line number, so a report given twice counts once. A file's statement count is the largest any
 * report gives (LCOV's `LF` may count fewer lines than it lists). Pure.
 */
export function mergeCoverage(reports: readonly CoverageData[]): CoverageData {
  const merged: CoverageData = { files: {}, hasContexts: false, outside: [], notes: [] };
  const byPath = new Map<string, FileCoverage[]>();
  for (const r of reports) {
    merged.producer ??= r.producer;
    merged.outside.push(...r.outside.filter((o) => !merged.outside.includes(o)));
    merged.notes.push(...r.notes);
    for (const [path, file] of Object.entries(r.files)) byPath.set(path, [...(byPath.get(path) ?? []), file]);
  }
  for (const path of [...byPath.keys()].sort()) merged.files[path] = mergeFile(byPath.get(path)!);
  return merged;
}

function mergeFile(files: readonly FileCoverage[]): FileCoverage {
  if (files.length === 1) return files[0]!;
  const executed = sortedUnique(files.flatMap((f) => f.executed));
  const ran = new Set(executed);
  const missing = sortedUnique(files.flatMap((f) => f.missing).filter((n) => !ran.has(n)));
  const statements = Math.max(...files.map((f) => f.statements), missing.length);
  const out: FileCoverage = { statements, executed, missing, percent: linePercent(statements, statements - missing.length) };
  // Branch data has no per-branch identity in these formats: the best-covered report stands for all.
  const branches = files.map((f) => f.branches).filter((b) => b !== undefined).sort((a, b) => b.covered - a.covered)[0];
  if (branches) out.branches = branches;
  return out;
}
