import { z } from 'zod';

/** One problem in eslint's JSON output; only the fields we read. */
export const EslintMessage = z.object({
  ruleId: z.string().nullish(),
  severity: z.number().int(),
  message: z.string(),
  fatal: z.boolean().optional(),
  line: z.number().int().nullish(),
  column: z.number().int().nullish(),
  endLine: z.number().int().nullish(),
  endColumn: z.number().int().nullish(),
  fix: z.unknown().optional(),
  suggestions: z.array(z.unknown()).optional(),
});
export type EslintMessage = z.infer<typeof EslintMessage>;

/** One linted file. */
export const EslintFileResult = z.object({
  filePath: z.string(),
  messages: z.array(z.unknown()).default([]),
  source: z.string().optional(),
});

/** The `json-with-metadata` formatter's document (`json` gives the bare `results` array). */
export const EslintReport = z.union([
  z.array(z.unknown()),
  z.object({
    results: z.array(z.unknown()),
    metadata: z.object({ rulesMeta: z.record(z.string(), z.unknown()).default({}) }).optional(),
  }),
]);

export interface EslintFile {
  /** Absolute path as eslint reports it. */
  filePath: string;
  messages: EslintMessage[];
  source: string | undefined;
}

export interface ParsedEslintReport {
  files: EslintFile[];
  /** Rule id → its documentation URL, from `metadata.rulesMeta[rule].docs.url`. */
  ruleUrls: Record<string, string>;
  notes: string[];
}

function ruleUrls(rulesMeta: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rule, meta] of Object.entries(rulesMeta)) {
    const url = (meta as { docs?: { url?: unknown } } | null)?.docs?.url;
    if (typeof url === 'string' && /^https?:\/\//.test(url)) out[rule] = url;
  }
  return out;
}

/** Parses eslint's report. Bad records are skipped with a note; a bad document is an error. */
export function parseEslintReport(text: string): { ok: true; report: ParsedEslintReport } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `eslint.json is not JSON (${(err as Error).message})` };
  }
  const doc = EslintReport.safeParse(raw);
  if (!doc.success) return { ok: false, error: 'eslint.json is neither a results array nor a json-with-metadata document' };
  const results = Array.isArray(doc.data) ? doc.data : doc.data.results;
  const meta = Array.isArray(doc.data) ? {} : (doc.data.metadata?.rulesMeta ?? {});
  const notes: string[] = [];
  const files: EslintFile[] = [];
  results.forEach((item, i) => {
    const file = EslintFileResult.safeParse(item);
    if (!file.success) return void notes.push(`results[${i}] skipped: not a file record`);
    const messages: EslintMessage[] = [];
    file.data.messages.forEach((m, j) => {
      const parsed = EslintMessage.safeParse(m);
      if (parsed.success) messages.push(parsed.data);
      else notes.push(`results[${i}].messages[${j}] skipped: not a problem record`);
    });
    files.push({ filePath: file.data.filePath, messages, source: file.data.source });
  });
  return { ok: true, report: { files, ruleUrls: ruleUrls(meta), notes } };
}
