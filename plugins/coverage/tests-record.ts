import { z } from 'zod';

/** `raw/coverage/tests.json`, written by `python/atqos_coverage_tests.py` at session end. */
export const CoverageTestsRecord = z.object({
  finished: z.boolean(),
  exitStatus: z.number().int(),
  tests: z.array(z.object({ nodeId: z.string().min(1), outcome: z.string() })),
});
export type CoverageTestsRecord = z.infer<typeof CoverageTestsRecord>;

/** Parses the record; undefined when it is absent or unreadable (the plugin did not load). */
export function parseTestsRecord(text: string | undefined): CoverageTestsRecord | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = CoverageTestsRecord.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
