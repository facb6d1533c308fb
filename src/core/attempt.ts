import { z } from 'zod';
import { TestCounts } from './test-result.js';
import { ArtifactRef } from './finding.js';

/** The uniform verdict of running a task's validation commands. */
export const ValidationResult = z.object({
  ok: z.boolean(),
  exitCode: z.number().int().nullable(),
  summary: TestCounts,
  /** Against the run's baseline: node ids now passing, and node ids newly failing. */
  delta: z.object({ fixed: z.array(z.string()), broken: z.array(z.string()) }),
  reason: z.string().optional(),
  artifacts: z.array(ArtifactRef),
});
export type ValidationResult = z.infer<typeof ValidationResult>;

export const GuardVerdict = z.object({
  guard: z.string(),
  passed: z.boolean(),
  evidence: z.string().optional(),
});
export type GuardVerdict = z.infer<typeof GuardVerdict>;

export const AttemptOutcome = z.enum(['accepted', 'rejected', 'failed', 'timeout', 'budget', 'interrupted']);
export type AttemptOutcome = z.infer<typeof AttemptOutcome>;

export const Cost = z.object({
  usd: z.number().nonnegative().optional(),
  inputTokens: z.number().int().nonnegative().optional(),
  outputTokens: z.number().int().nonnegative().optional(),
  turns: z.number().int().nonnegative().optional(),
});
export type Cost = z.infer<typeof Cost>;

/** One agent try at a task. */
export const Attempt = z.object({
  id: z.string(),
  taskId: z.string(),
  n: z.number().int().positive(),
  agent: z.string(),
  model: z.string().optional(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  diffStat: z.object({
    files: z.number().int().nonnegative(),
    insertions: z.number().int().nonnegative(),
    deletions: z.number().int().nonnegative(),
  }),
  guards: z.array(GuardVerdict),
  validation: ValidationResult.optional(),
  cost: Cost,
  outcome: AttemptOutcome.optional(),
  reason: z.string().optional(),
});
export type Attempt = z.infer<typeof Attempt>;
