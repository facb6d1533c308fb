import { z } from 'zod';
import { TestCounts } from './test-result.js';

export const RunStatus = z.enum(['running', 'finished', 'crashed', 'interrupted']);
export type RunStatus = z.infer<typeof RunStatus>;

/**
 * `green`: every tool ran, produced a fresh report, ran tests, and nothing failed.
 * `red`: the tools ran and found problems. `error`: a tool or ATQOS itself failed, so we do not know.
 */
export const Conclusion = z.enum(['green', 'red', 'error']);
export type Conclusion = z.infer<typeof Conclusion>;

export const Run = z.object({
  id: z.string(),
  repo: z.string(),
  lane: z.string(),
  command: z.string(),
  status: RunStatus,
  conclusion: Conclusion.optional(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  baseSha: z.string().optional(),
  counts: TestCounts.optional(),
  findingCount: z.number().int().nonnegative().default(0),
  error: z.string().optional(),
});
export type Run = z.infer<typeof Run>;

/** Append-only record of everything that happened in a run (`events.jsonl`). */
export const Event = z.object({
  seq: z.number().int().nonnegative(),
  runId: z.string(),
  ts: z.string(),
  type: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type Event = z.infer<typeof Event>;
