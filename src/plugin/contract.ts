import type { z } from 'zod';
import type { Finding, Task, TaskType, TestCounts, TestOutcome, TestResult, ValidationSpec, CommandSpec } from '../core/index.js';
import type { LaneSelect, RiskTier, RiskTierName } from '../config/schema.js';
import type { ExecResult } from '../runner/types.js';
import type { Guard } from '../guards/contract.js';

/** A file a plugin wrote (or expected to write) under the run directory. */
export interface RawArtifact {
  /** Stable name the plugin's normalize step looks it up by, e.g. `junit`. */
  name: string;
  /** Path relative to the run directory, posix. */
  path: string;
  exists: boolean;
  bytes: number;
  /** Modification time, ms since epoch; 0 when absent. */
  mtimeMs: number;
}

/** Log sink handed to plugins: static message, structured fields. */
export interface Logger {
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  debug(fields: Record<string, unknown>, msg: string): void;
}

/** What a plugin that ran earlier in the same run produced (plugins run in lane order). */
export interface EarlierResult {
  plugin: string;
  tests: readonly TestResult[];
  findings: readonly Finding[];
  trustworthy: boolean;
}

/** One earlier run's outcome for a test, from the repo's index of past runs. */
export interface TestHistoryEntry {
  runId: string;
  startedAt: string;
  outcome: TestOutcome;
  durationMs: number;
  /** The commit that run tested (flips on one commit are the strongest flakiness evidence). */
  baseSha?: string;
}

/** The lane a run is in, as plugins see it. */
export interface LaneContext {
  name: string;
  /** Which tests to run; undefined → the whole suite. */
  select: LaneSelect | undefined;
  /** Re-runs of each failing test on the same commit (flaky detection); undefined → plugin default. */
  reruns: number | undefined;
  riskTiers: Partial<Record<RiskTierName, RiskTier>>;
}

/** Files changed since a base revision (`--changed-since`), for test impact selection. */
export interface ChangeSet {
  /** The base revision as given, and the commit it resolved to. */
  since: string;
  baseSha: string;
  /** Repo-relative posix paths changed between the base and the working tree (incl. uncommitted). */
  files: string[];
}

export interface CollectContext {
  repoDir: string;
  runDir: string;
  /** `raw/<plugin-id>` relative to runDir; already created. */
  rawDir: string;
  runStartedAtMs: number;
  /** The plugin's own section of the resolved config (parsed by the plugin's schema). */
  options: unknown;
  /** Environment for tools: an allowlist built by the engine. */
  env: Readonly<Record<string, string>>;
  /** Runs a command with its output streamed to `raw/<plugin>/<name>.stdout|stderr`. */
  exec(name: string, cmd: CommandSpec): Promise<ExecResult>;
  /** Records an artifact's existence, size and mtime. */
  artifact(name: string, relPath: string): RawArtifact;
  log: Logger;
  signal: AbortSignal;
  lane: LaneContext;
  /** Results of the plugins that ran before this one in this run. */
  earlier: readonly EarlierResult[];
  /** Changed files when the run was given a base (`--changed-since`); undefined otherwise. */
  changes: ChangeSet | undefined;
  /**
   * Past outcomes of these tests of `tool` in earlier runs of this repo (newest first, at most
   * `limit` each, default 50), from the repo's index. Empty for a test never seen before.
   */
  history(tool: string, nodeIds: readonly string[], limit?: number): Map<string, TestHistoryEntry[]>;
  /**
   * The newest earlier run of this repo that kept `relPath` (relative to a run dir, e.g.
   * `raw/coverage/impact-map.json`): the absolute file and that run's id. Undefined when none did.
   */
  prior(relPath: string): { runId: string; file: string } | undefined;
}

export interface CollectResult {
  artifacts: RawArtifact[];
  /** The main tool invocation, when there was one. */
  exec?: ExecResult;
  /** Extra process results (inventory, helpers), by name. */
  execs?: Record<string, ExecResult>;
}

/** Everything normalize may look at. It is pure: no clock, filesystem or network. */
export interface NormalizeInput {
  collect: CollectResult;
  /** Text of an artifact by name; undefined when it does not exist. */
  read(name: string): string | undefined;
  repoDir: string;
  runDir: string;
  runStartedAtMs: number;
  options: unknown;
}

export interface NormalizeOutput {
  findings: Finding[];
  tests: TestResult[];
  /** Undefined when the tool produced no trustworthy counts. */
  counts: TestCounts | undefined;
  /** False when the tool crashed, wrote no or a stale report, or ran nothing. Never green then. */
  trustworthy: boolean;
  notes: string[];
  /**
   * True for a plugin that audits (re-runs skipped or failing tests, reads skips) instead of
   * running the suite: it needs no counts of its own, but a run is green only when some other
   * plugin ran tests.
   */
  audit?: boolean;
  /**
   * JSON reports to write under `reports/`, by file name (e.g. `coverage-gap-summary.json`).
   * A later plugin writing the same name wins; names must be plain file names.
   */
  reports?: Record<string, unknown>;
}

/** A task before the engine gives it an id, run id and status. */
export type TaskDraft = Omit<Task, 'id' | 'runId' | 'status' | 'dependsOn' | 'branch'> & {
  /** Indices into the same plan's drafts this one must wait for. */
  dependsOnDrafts?: number[];
};

/** What the run knows that a task's validation may need, beyond the task itself. */
export interface ValidationContext {
  /** Test ids this run found flaky: a check for regressions must not count their flips. */
  flakyTests: readonly string[];
}

export interface PlanInput {
  findings: Finding[];
  options: unknown;
  /** This repo's test-file matcher (from `Plugin.testFiles`, or a language-neutral guess). */
  isTestFile: (path: string) => boolean;
}

/**
 * A tool ATQOS drives. Plugins return data; they never touch the store, the event log
 * or global state. Registered in `plugins/index.ts`.
 */
export interface Plugin {
  id: string;
  description: string;
  /** Whether this plugin applies to the repo (used when the config does not say). */
  detect(repoDir: string): Promise<boolean>;
  /**
   * Lanes this plugin joins by itself (when it detects itself and the lane lists no plugins);
   * undefined → every lane. Expensive extras (coverage, reruns, audits) name their lanes.
   */
  lanes?: readonly string[];
  /**
   * Reads report files given to `atqos ingest --format <id>` (copied to `raw/<id>/<n>-<name>`)
   * instead of running a tool.
   */
  ingest?: boolean;
  /** Parses and defaults this plugin's config section; throws AtqosError naming the key. */
  parseOptions(raw: unknown): unknown;
  /** The zod schema of this plugin's config section, for the JSON Schema export. */
  optionsSchema?: z.ZodType;
  collect(ctx: CollectContext): Promise<CollectResult>;
  normalize(input: NormalizeInput): NormalizeOutput;
  plan(input: PlanInput): TaskDraft[];
  /**
   * The commands that prove a task done and how to judge them. `type` is the task's type when
   * the engine validates an attempt (an `add_test` is proven differently from a `quarantine`).
   */
  validation(targets: { files: string[]; nodeIds: string[] }, options: unknown, type?: TaskType, context?: ValidationContext): ValidationSpec;
  /**
   * The tool's own fixer for these targets (e.g. `ruff check --fix <files>`), run by the builtin
   * agent in the task's worktree; undefined when the tool has none for them.
   */
  autofix?(targets: { files: string[]; nodeIds: string[] }, options: unknown): CommandSpec | undefined;
  /** Tool-specific guards run on every attempt at this plugin's tasks (besides the generic ones). */
  guards?: readonly Guard[];
  /** Globs of files whose change is only allowed for the task types listed (tool config, hooks). */
  protectedPaths?: readonly { glob: string; allowFor: readonly string[]; why: string }[];
  /**
   * Which repo-relative paths are this tool's test files in this repo (its config may say, like
   * pytest's `python_files`). Read once per run; a language-neutral guess when absent.
   */
  testFiles?(repoDir: string, options: unknown): (path: string) => boolean;
  /**
   * How to list the collected test ids in a checkout, for the inventory guard: the command, and
   * a pure parser of its exit code and stdout (undefined when collection itself failed).
   */
  inventory?: {
    command(options: unknown): CommandSpec;
    parse(exitCode: number | null, stdout: string): string[] | undefined;
  };
  /**
   * Test impact in task validation: runs the tests a change may affect, in `ctx.repoDir` (an
   * attempt's worktree), where `ctx.changes` holds the attempt's changed files and `ctx.prior`
   * finds the impact data. With `only`, runs exactly those tests instead (the engine asks this at
   * the base commit, to tell a test the change broke from one that failed before it).
   */
  impactedTests?(ctx: CollectContext, only?: readonly string[]): Promise<ImpactedTestsRun>;
}

/** What `Plugin.impactedTests` ran and how each test came out. */
export interface ImpactedTestsRun {
  /**
   * `impacted`: the tests the change touches; `full`: the whole suite, because impact could not
   * be trusted (`reason` says why); `none`: nothing can be affected; `only`: the tests asked for.
   */
  mode: 'impacted' | 'full' | 'none' | 'only';
  reason: string;
  /** Each test's outcome; undefined when the run produced nothing trustworthy (`problem` says why). */
  tests?: readonly TestResult[];
  problem?: string;
  notes: string[];
}
