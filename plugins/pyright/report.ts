import { z } from 'zod';

const Position = z.object({ line: z.number().int(), character: z.number().int() });

/** One diagnostic of `pyright --outputjson`; lines and characters are 0-based. */
export const PyrightDiagnostic = z.object({
  file: z.string(),
  severity: z.string(),
  message: z.string(),
  range: z.object({ start: Position, end: Position }).optional(),
  /** Absent for syntax errors and a few other diagnostics without a configurable rule. */
  rule: z.string().optional(),
});
export type PyrightDiagnostic = z.infer<typeof PyrightDiagnostic>;

/** The whole report; only the fields we use. */
export const PyrightReport = z.object({
  version: z.string().optional(),
  generalDiagnostics: z.array(z.unknown()),
  summary: z.object({ filesAnalyzed: z.number().int().nonnegative(), errorCount: z.number().int().nonnegative() }),
});

export interface ParsedPyrightReport {
  diagnostics: PyrightDiagnostic[];
  filesAnalyzed: number;
  errorCount: number;
  /** Why each unreadable diagnostic was skipped. */
  skipped: string[];
}

/** Parses pyright's JSON report; throws with a reason when it is not one. Bad diagnostics are skipped with a reason. */
export function parsePyrightReport(text: string): ParsedPyrightReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`not JSON (${(err as Error).message})`, { cause: err });
  }
  const report = PyrightReport.safeParse(data);
  if (!report.success) throw new Error(`not a pyright report: ${report.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  const diagnostics: PyrightDiagnostic[] = [];
  const skipped: string[] = [];
  report.data.generalDiagnostics.forEach((item, i) => {
    const d = PyrightDiagnostic.safeParse(item);
    if (d.success) diagnostics.push(d.data);
    else skipped.push(`diagnostic ${i}: ${d.error.issues.map((x) => `${x.path.join('.') || '(root)'} ${x.message}`).join('; ')}`);
  });
  return { diagnostics, filesAnalyzed: report.data.summary.filesAnalyzed, errorCount: report.data.summary.errorCount, skipped };
}
