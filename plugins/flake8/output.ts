import { parsePyStr } from './py-repr.js';

/**
 * Every violation is printed as one tab-separated record behind a marker. Code, path and text go
 * through Python's `repr()` (`%(…)r`), so a file name or message holding tabs, newlines, quotes,
 * colons or bytes that are not UTF-8 stays on its line and decodes back exactly; the default
 * `path:row:col: code text` cannot be split safely when the path holds `: `.
 */
export const RECORD_MARK = 'atqos-flake8-v1';
export const RECORD_FORMAT = `${RECORD_MARK}\t%(code)r\t%(row)d\t%(col)d\t%(path)r\t%(text)r`;

/** One violation flake8 reported; `row` may be 0 (E902: the file could not be read). */
export interface Flake8Violation {
  code: string;
  row: number;
  col: number;
  path: string;
  text: string;
}

export interface Flake8Output {
  violations: Flake8Violation[];
  /** Records that carry the marker but could not be decoded, with why. */
  badRecords: string[];
  /** Other lines (`--count`, `--statistics`, `--benchmark` from the repo's config): kept as evidence. */
  unparsed: string[];
}

function parseRecord(line: string): Flake8Violation | string {
  const parts = line.split('\t');
  if (parts.length !== 6) return `expected 6 tab-separated fields, got ${parts.length}`;
  const [, code, row, col, path, text] = parts as [string, string, string, string, string, string];
  const fields = { code: parsePyStr(code), path: parsePyStr(path), text: parsePyStr(text) };
  const bad = Object.entries(fields).find(([, v]) => v === undefined);
  if (bad) return `the ${bad[0]} is not a Python string literal`;
  if (!/^\d+$/.test(row) || !/^-?\d+$/.test(col)) return `row ${row} / column ${col} are not numbers`;
  return { code: fields.code!, row: Number(row), col: Number(col), path: fields.path!, text: fields.text! };
}

/** Parses flake8's stdout under `RECORD_FORMAT`. Never throws. */
export function parseFlake8Output(stdout: string): Flake8Output {
  const out: Flake8Output = { violations: [], badRecords: [], unparsed: [] };
  for (const [i, raw] of stdout.split('\n').entries()) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) continue;
    if (!line.startsWith(`${RECORD_MARK}\t`)) {
      out.unparsed.push(line);
      continue;
    }
    const r = parseRecord(line);
    if (typeof r === 'string') out.badRecords.push(`line ${i + 1}: ${r}`);
    else out.violations.push(r);
  }
  return out;
}
