import { z } from 'zod';

const Location = z.object({ row: z.number().int(), column: z.number().int() });

/** One violation of `ruff check --output-format json` (ruff ≥ 0.1); only the fields we use. */
export const RuffViolation = z.object({
  /** null for syntax errors (ruff ≥ 0.5; older versions say `E999`). */
  code: z.string().nullable(),
  message: z.string(),
  filename: z.string(),
  location: Location,
  end_location: Location.nullish(),
  fix: z
    .object({ applicability: z.string().nullish(), message: z.string().nullish() })
    .nullish(),
  url: z.string().nullish(),
});
export type RuffViolation = z.infer<typeof RuffViolation>;

export interface ParsedRuffReport {
  violations: RuffViolation[];
  /** Why each unreadable record was skipped. */
  skipped: string[];
}

/**
 * Parses ruff's JSON report. Throws with a reason when the text is not a JSON array at all;
 * a bad record is skipped with its reason instead, so one odd item never hides the rest.
 */
export function parseRuffReport(text: string): ParsedRuffReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`not JSON (${(err as Error).message})`, { cause: err });
  }
  if (!Array.isArray(data)) throw new Error(`expected a JSON array of violations, got ${data === null ? 'null' : typeof data}`);
  const violations: RuffViolation[] = [];
  const skipped: string[] = [];
  data.forEach((item: unknown, i) => {
    const r = RuffViolation.safeParse(item);
    if (r.success) violations.push(r.data);
    else skipped.push(`record ${i}: ${r.error.issues.map((x) => `${x.path.join('.') || '(root)'} ${x.message}`).join('; ')}`);
  });
  return { violations, skipped };
}
