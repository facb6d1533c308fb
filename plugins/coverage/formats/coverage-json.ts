import { z } from 'zod';
import type { CoverageData, FileCoverage, ParseResult } from './model.js';
import { linePercent, sortedUnique } from './model.js';
import { toRepoPath } from './repo-path.js';

// coverage 6.5 lists line 0 for an empty file; it is no line and is dropped.
const Lines = z.array(z.number().int().nonnegative()).transform((xs) => xs.filter((n) => n > 0));

/** One file of a coverage.py JSON report (formats 1–3: coverage 5.x–7.x). Only the fields read. */
const CoverageJsonFile = z.object({
  executed_lines: Lines,
  missing_lines: Lines,
  excluded_lines: Lines.optional(),
  summary: z.object({
    num_statements: z.number().int().nonnegative(),
    covered_lines: z.number().int().nonnegative(),
    num_branches: z.number().int().nonnegative().optional(),
    covered_branches: z.number().int().nonnegative().optional(),
  }),
});

/** The report's frame; `meta.format` is absent before coverage 7 (6.5 on Debian writes none). */
const CoverageJson = z.object({
  meta: z.object({
    version: z.string().optional(),
    format: z.number().int().optional(),
    show_contexts: z.boolean().optional(),
  }).optional(),
  files: z.record(z.string(), z.unknown()),
});

/** The newest `meta.format` this parser knows (coverage 7.x writes 2 or 3). */
export const KNOWN_JSON_FORMAT = 3;

function toFile(raw: z.infer<typeof CoverageJsonFile>): FileCoverage {
  const s = raw.summary;
  const file: FileCoverage = {
    statements: s.num_statements,
    executed: sortedUnique(raw.executed_lines),
    missing: sortedUnique(raw.missing_lines),
    // Not `percent_covered`: with branch coverage on, coverage.py folds branches into it.
    percent: linePercent(s.num_statements, s.covered_lines),
  };
  if (raw.excluded_lines?.length) file.excluded = sortedUnique(raw.excluded_lines);
  if (s.num_branches) file.branches = { total: s.num_branches, covered: s.covered_branches ?? 0 };
  return file;
}

/** Parses coverage.py's `coverage json` output. */
export function parseCoverageJson(text: string, repoDir: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `the coverage JSON report is not valid JSON (${(err as Error).message}): truncated, or not written by \`coverage json\`?` };
  }
  const frame = CoverageJson.safeParse(json);
  if (!frame.success) return { ok: false, error: 'not a coverage.py JSON report: it has no "files" mapping (write it with `coverage json`)' };
  const { meta, files } = frame.data;
  const data: CoverageData = { files: {}, hasContexts: meta?.show_contexts === true, outside: [], notes: [] };
  if (meta?.version) data.producer = `coverage.py ${meta.version}`;
  if (meta?.format !== undefined && meta.format > KNOWN_JSON_FORMAT) {
    data.notes.push(`coverage JSON format ${meta.format} is newer than the ${KNOWN_JSON_FORMAT} atqos knows; read as format ${KNOWN_JSON_FORMAT}`);
  }
  for (const [name, raw] of Object.entries(files)) {
    const rel = toRepoPath(name, repoDir);
    if (rel === undefined) { data.outside.push(name); continue; }
    const file = CoverageJsonFile.safeParse(raw);
    if (!file.success) { data.notes.push(`${name}: skipped, its record lacks executed_lines, missing_lines or summary counts`); continue; }
    data.files[rel] = toFile(file.data);
  }
  return { ok: true, data };
}
