import { z } from 'zod';

/** One mypy error, from its text output or a JSON line (`-O json`, mypy ≥ 1.11). */
export interface MypyError {
  file: string;
  /** 1-based; undefined for file-level errors. */
  line: number | undefined;
  column: number | undefined;
  message: string;
  code: string | undefined;
  /** Notes mypy printed right after the error, at its place (hints, "See https://…"). */
  notes: string[];
}

export interface MypyOutput {
  errors: MypyError[];
  /** From `Found N errors in F files (checked C source files)` or `Success: … in C source files`. */
  summary: { checked: number; failedFiles: number } | undefined;
  /** Lines that are none of the above (kept for the evidence). */
  unparsed: string[];
}

/** A JSON line of `mypy -O json`; its column is 0-based, -1 when unknown. */
const MypyJsonLine = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  message: z.string(),
  hint: z.string().nullish(),
  code: z.string().nullish(),
  severity: z.string(),
});

// `file:line[:col]: severity: message  [code]`; the path may hold colons (a Windows drive).
const TEXT = /^(.+?):(?:(\d+):)?(?:(\d+):)? (error|note|warning): (.*?)(?: {2}\[([a-z0-9-]+)\])?$/;
const FOUND = /^Found (\d+) errors? in (\d+) files? \(checked (\d+) source files?\)/;
const SUCCESS = /^Success: no issues found in (\d+) source files?/;

function fromJson(line: string): { severity: string; error: MypyError } | undefined {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return undefined;
  }
  const r = MypyJsonLine.safeParse(data);
  if (!r.success) return undefined;
  const j = r.data;
  const notes = j.hint ? [j.hint] : [];
  return { severity: j.severity, error: { file: j.file, line: j.line > 0 ? j.line : undefined, column: j.column >= 0 ? j.column + 1 : undefined, message: j.message, code: j.code ?? undefined, notes } };
}

function fromText(line: string): { severity: string; error: MypyError } | undefined {
  const m = TEXT.exec(line);
  if (!m) return undefined;
  const num = (s: string | undefined) => (s ? Number(s) : undefined);
  return { severity: m[4]!, error: { file: m[1]!, line: num(m[2]), column: num(m[3]), message: m[5]!, code: m[6], notes: [] } };
}

/** Parses mypy's stdout. Never throws: what it cannot read lands in `unparsed`. */
export function parseMypyOutput(text: string): MypyOutput {
  const out: MypyOutput = { errors: [], summary: undefined, unparsed: [] };
  let last: MypyError | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (!line) continue;
    const found = FOUND.exec(line);
    const success = SUCCESS.exec(line);
    if (found) out.summary = { checked: Number(found[3]), failedFiles: Number(found[2]) };
    else if (success) out.summary = { checked: Number(success[1]), failedFiles: 0 };
    if (found || success) continue;
    const parsed = line.startsWith('{') ? fromJson(line) : fromText(line);
    if (!parsed) {
      out.unparsed.push(line);
      continue;
    }
    if (parsed.severity === 'error') {
      last = parsed.error;
      out.errors.push(last);
    } else if (parsed.severity === 'note' && last && last.file === parsed.error.file && last.line === parsed.error.line) {
      last.notes.push(parsed.error.message);
    }
  }
  return out;
}
