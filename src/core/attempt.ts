import { z } from 'zod';
import { TestCounts } from './test-result.js';
import { ArtifactRef } from './finding.js';
import { CommandSpec } from './task.js';

/** One run of a task's validation: a round of its commands, or a run a command reported making itself. */
export const ValidationRun = z.object({
  run: z.number().int().positive(),
  ok: z.boolean(),
  exitCode: z.number().int().nullable(),
  /** Tests the run executed and passed, when the command reports them (an add_test check does). */
  tests: z.number().int().nonnegative().optional(),
  passed: z.number().int().nonnegative().optional(),
  failed: z.array(z.string()).optional(),
});
export type ValidationRun = z.infer<typeof ValidationRun>;

const CoverageNumbers = z.object({ covered: z.number().int().nonnegative(), statements: z.number().int().nonnegative(), percent: z.number() });
export type CoverageNumbers = z.infer<typeof CoverageNumbers>;

/** What a validation command reported beyond its exit code (see `ValidationReport`). */
export const ValidationDetails = z.object({
  /** The check's own verdict in one sentence. */
  verdict: z.string().optional(),
  /** The coverage of the module a task targets, measured before and after the change. */
  coverage: z.object({ module: z.string(), before: CoverageNumbers, after: CoverageNumbers }).optional(),
  /** Tests the attempt added or changed. */
  newTests: z.array(z.string()).optional(),
  /** Tests left out of the regression check, each with why (already known to be flaky). */
  excluded: z.array(z.object({ nodeId: z.string(), reason: z.string() })).optional(),
});
export type ValidationDetails = z.infer<typeof ValidationDetails>;

/**
 * The last stdout line a validation command may print (`"schema": "atqos/validation-report@1"`):
 * the runs it repeated itself and its details. Any tool can follow it; the engine reads nothing else.
 */
export const ValidationReport = ValidationDetails.extend({
  schema: z.literal('atqos/validation-report@1'),
  runs: z.array(ValidationRun.extend({ ok: z.boolean().optional() })).default([]),
});
export type ValidationReport = z.infer<typeof ValidationReport>;

/** The uniform verdict of running a task's validation commands. */
export const ValidationResult = z.object({
  ok: z.boolean(),
  exitCode: z.number().int().nullable(),
  /** The validation runs counted like tests: one per run, passed when it exited 0 (see `runs`). */
  summary: TestCounts,
  /** Each run in order: the engine's rounds, or the runs a command reported (`ValidationReport`); absent in older records. */
  runs: z.array(ValidationRun).optional(),
  details: ValidationDetails.optional(),
  /** Against the run's baseline: node ids now passing, and node ids newly failing. */
  delta: z.object({ fixed: z.array(z.string()), broken: z.array(z.string()) }),
  reason: z.string().optional(),
  artifacts: z.array(ArtifactRef),
  /**
   * The commands the validation ran and how many times in a row it asked for, as resolved for
   * the attempt (`--known-flaky` for this run's flaky tests, the configured validationRepeat):
   * the plan's task holds neither. Absent in older records.
   */
  commands: z.array(CommandSpec).optional(),
  repeat: z.number().int().positive().optional(),
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
