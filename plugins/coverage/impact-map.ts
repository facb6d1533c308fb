import { z } from 'zod';

/**
 * Which source lines each test executed (per-test coverage contexts), written by the coverage
 * plugin as `raw/coverage/impact-map.json` and read by test impact selection in later runs.
 */
export const ImpactMap = z.object({
  schema: z.literal('atqos/impact-map@1'),
  /** The commit the suite ran on; line numbers are valid for it. */
  sha: z.string().optional(),
  createdAt: z.string(),
  /** Test id (pytest node id) → repo-relative posix source path → executed 1-based line numbers. */
  tests: z.record(z.string(), z.record(z.string(), z.array(z.number().int().positive()))),
  /** Source files whose module-level lines ran at import (before any test context), per file. */
  importTime: z.record(z.string(), z.array(z.number().int().positive())).default({}),
});
export type ImpactMap = z.infer<typeof ImpactMap>;

export const IMPACT_MAP_ARTIFACT = 'raw/coverage/impact-map.json';
