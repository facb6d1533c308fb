import { z } from 'zod';

export const TaskType = z.enum([
  'fix',
  'update_test',
  'add_test',
  'remove_skip',
  'quarantine',
  /** Deletes tests ATQOS quarantined long ago that are still obsolete; its PR says so and is labelled for review. */
  'delete_test',
  'fix_env',
  'lint_fix',
  'type_fix',
  'systemic',
]);
export type TaskType = z.infer<typeof TaskType>;

export const TaskStatus = z.enum(['queued', 'running', 'succeeded', 'blocked', 'abandoned']);
export type TaskStatus = z.infer<typeof TaskStatus>;

/** A process to start: argv (never a shell string), cwd relative to the repo root. */
export const CommandSpec = z.object({
  argv: z.array(z.string()).min(1),
  cwd: z.string().optional(),
  env: z.record(z.string(), z.string()).optional(),
  timeoutMs: z.number().int().positive().optional(),
  /**
   * Validation only: the command prints a `ValidationReport` as its last stdout line (the
   * coverage plugin's add_test check). Reports are read from no other command, since test code
   * a validation runs could print one and pass off its own coverage numbers or verdict.
   */
  reports: z.boolean().optional(),
});
export type CommandSpec = z.infer<typeof CommandSpec>;

export const ValidationSpec = z.object({
  commands: z.array(CommandSpec),
  /** `targets-pass`: every target node id must pass; `exit-zero`: every command exits 0. */
  expect: z.enum(['targets-pass', 'exit-zero']),
  /** Times the validation must pass in a row so that a flaky pass is not a fix. */
  repeat: z.number().int().positive().default(1),
  /**
   * The commands repeat the tests themselves (an add_test check runs new tests 5 times): the
   * engine runs them `repeat` times, not `remediation.validationRepeat` times.
   */
  repeatsItself: z.boolean().optional(),
});
export type ValidationSpec = z.infer<typeof ValidationSpec>;

export const RetryPolicy = z.object({
  maxAttempts: z.number().int().positive(),
});
export type RetryPolicy = z.infer<typeof RetryPolicy>;

/** A bounded unit of work for an agent. */
export const Task = z.object({
  id: z.string(),
  runId: z.string(),
  type: TaskType,
  tool: z.string(),
  title: z.string(),
  /** Fingerprints of the findings this task resolves. */
  findings: z.array(z.string()).min(1),
  targets: z.object({
    files: z.array(z.string()),
    nodeIds: z.array(z.string()),
  }),
  allowedPaths: z.array(z.string()),
  validation: ValidationSpec,
  retryPolicy: RetryPolicy,
  /** Lower runs first. */
  priority: z.number().int(),
  dependsOn: z.array(z.string()),
  status: TaskStatus,
  branch: z.string().optional(),
});
export type Task = z.infer<typeof Task>;
