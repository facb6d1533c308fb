import { z } from 'zod';

/** One test of vitest's JSON reporter (`assertionResults[]`); only the fields we read. */
export const VitestAssertion = z.object({
  ancestorTitles: z.array(z.string()).default([]),
  title: z.string(),
  status: z.string(),
  duration: z.number().nullish(),
  failureMessages: z.array(z.string()).nullish(),
  location: z.object({ line: z.number().int(), column: z.number().int() }).nullish(),
});
export type VitestAssertion = z.infer<typeof VitestAssertion>;

/** One test file of the report; `message` holds a file-level error (import, syntax). */
export const VitestFileResult = z.object({
  name: z.string(),
  status: z.string(),
  message: z.string().nullish(),
  assertionResults: z.array(z.unknown()).default([]),
});

/** vitest's `--reporter=json` output (jest-compatible). */
export const VitestReport = z.object({
  numTotalTests: z.number().int().nonnegative(),
  numFailedTests: z.number().int().nonnegative(),
  success: z.boolean().optional(),
  testResults: z.array(z.unknown()),
});

export interface VitestFile {
  /** Absolute path as vitest reports it. */
  name: string;
  status: string;
  message: string | undefined;
  tests: VitestAssertion[];
}

export interface ParsedReport {
  files: VitestFile[];
  numTotalTests: number;
  numFailedTests: number;
  /** Records that did not fit the schema, skipped with a reason. */
  notes: string[];
}

/** Parses the JSON report. Bad records are skipped with a note; a bad document is an error. */
export function parseVitestReport(text: string): { ok: true; report: ParsedReport } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `vitest.json is not JSON (${(err as Error).message})` };
  }
  const doc = VitestReport.safeParse(raw);
  if (!doc.success) return { ok: false, error: `vitest.json is not a vitest JSON report: ${doc.error.issues[0]?.message ?? 'unexpected shape'} at ${doc.error.issues[0]?.path.join('.') ?? '?'}` };
  const notes: string[] = [];
  const files: VitestFile[] = [];
  doc.data.testResults.forEach((item, i) => {
    const file = VitestFileResult.safeParse(item);
    if (!file.success) return void notes.push(`testResults[${i}] skipped: not a test file record`);
    const tests: VitestAssertion[] = [];
    file.data.assertionResults.forEach((a, j) => {
      const t = VitestAssertion.safeParse(a);
      if (t.success) tests.push(t.data);
      else notes.push(`testResults[${i}].assertionResults[${j}] skipped: not a test record`);
    });
    files.push({ name: file.data.name, status: file.data.status, message: file.data.message ?? undefined, tests });
  });
  return { ok: true, report: { files, numTotalTests: doc.data.numTotalTests, numFailedTests: doc.data.numFailedTests, notes } };
}
