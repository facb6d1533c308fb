import { z } from 'zod';

/** What kind of problem a finding is, independent of the tool that reported it. */
export const FindingKind = z.enum([
  'test_failure',
  'test_error',
  'collection_error',
  'env_error',
  'coverage_gap',
  'skip_stale',
  'skip_unjustified',
  'obsolete_test',
  'flaky_test',
  'lint_error',
  'type_error',
  'tool_error',
]);
export type FindingKind = z.infer<typeof FindingKind>;

export const Severity = z.enum(['blocker', 'high', 'medium', 'low']);
export type Severity = z.infer<typeof Severity>;

/** Why it failed, from ordered heuristics over the evidence. */
export const Category = z.enum([
  'assertion',
  'exception',
  'timeout',
  'network',
  'auth',
  'data',
  'flaky',
  'environment',
  'collection',
  'crash',
  'tool',
  'coverage',
  'skip',
  'lint',
  'type',
  'unknown',
]);
export type Category = z.infer<typeof Category>;

/** Where the problem is. Paths are repo-relative with forward slashes; lines are 1-based. */
export const Scope = z.object({
  file: z.string().optional(),
  symbol: z.string().optional(),
  nodeId: z.string().optional(),
  line: z.number().int().positive().optional(),
});
export type Scope = z.infer<typeof Scope>;

/** A pointer into a raw artifact of the run directory (path relative to the run dir). */
export const ArtifactRef = z.object({
  path: z.string(),
  offset: z.number().int().nonnegative().optional(),
  length: z.number().int().nonnegative().optional(),
  description: z.string().optional(),
});
export type ArtifactRef = z.infer<typeof ArtifactRef>;

export const Evidence = z.object({
  /** Short excerpt of the log or traceback, already trimmed for humans. */
  excerpt: z.string().optional(),
  /** The assertion or exception message as reported by the tool. */
  assertionMessage: z.string().optional(),
  /** Exception type name, e.g. `ZeroDivisionError`. */
  exceptionType: z.string().optional(),
  /** Repo-relative source files involved (traceback frames inside the repo). */
  sourceFiles: z.array(z.string()).default([]),
  /** Free-form, tool-specific details (missing lines, rule codes, ...). */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type Evidence = z.infer<typeof Evidence>;

/** A normalized problem. Its fingerprint is its identity across runs. */
export const Finding = z.object({
  tool: z.string(),
  kind: FindingKind,
  severity: Severity,
  category: Category,
  scope: Scope,
  fingerprint: z.string().regex(/^[0-9a-f]{16,64}$/),
  title: z.string(),
  message: z.string(),
  evidence: Evidence,
  artifacts: z.array(ArtifactRef).default([]),
  /**
   * Fingerprints of findings (usually another plugin's) this one explains better: a flaky test's
   * failure, an obsolete test's import error. The engine drops those, keeping this one.
   */
  supersedes: z.array(z.string()).optional(),
});
export type Finding = z.infer<typeof Finding>;
