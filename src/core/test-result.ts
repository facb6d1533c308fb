import { z } from 'zod';

export const TestOutcome = z.enum(['passed', 'failed', 'error', 'skipped', 'xfailed', 'xpassed']);
export type TestOutcome = z.infer<typeof TestOutcome>;

/** One test's outcome in one run: the unit of per-test history. */
export const TestResult = z.object({
  tool: z.string(),
  /** Tool-native id (pytest node id, `Suite.name` for generic JUnit). */
  nodeId: z.string(),
  file: z.string().optional(),
  outcome: TestOutcome,
  durationMs: z.number().nonnegative(),
  message: z.string().optional(),
});
export type TestResult = z.infer<typeof TestResult>;

/** Counts as the tool reports them, reconciled by the normalizer. */
export const TestCounts = z.object({
  total: z.number().int().nonnegative(),
  passed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  xfailed: z.number().int().nonnegative().default(0),
  xpassed: z.number().int().nonnegative().default(0),
  durationMs: z.number().nonnegative().default(0),
});
export type TestCounts = z.infer<typeof TestCounts>;

export function emptyCounts(): TestCounts {
  return { total: 0, passed: 0, failed: 0, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, durationMs: 0 };
}

export function countOutcomes(tests: readonly TestResult[]): TestCounts {
  const counts = emptyCounts();
  for (const t of tests) {
    counts.total += 1;
    counts.durationMs += t.durationMs;
    if (t.outcome === 'passed') counts.passed += 1;
    else if (t.outcome === 'failed') counts.failed += 1;
    else if (t.outcome === 'error') counts.errors += 1;
    else if (t.outcome === 'skipped') counts.skipped += 1;
    else if (t.outcome === 'xfailed') counts.xfailed += 1;
    else counts.xpassed += 1;
  }
  return counts;
}
