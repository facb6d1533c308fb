import path from 'node:path';
import { AtqosError } from '../core/index.js';
import type { Finding, Task } from '../core/index.js';
import type { RunRecorder } from '../store/index.js';
import { loadConfig } from '../config/index.js';
import type { AtqosConfig } from '../config/index.js';
import type { ChangeSet, LaneContext, Logger, Plugin } from '../plugin/contract.js';
import { changedFilesSince } from '../git/index.js';
import { laneContext } from './lane-context.js';
import { buildToolEnv } from '../runner/index.js';
import { silentLogger } from './logger.js';
import { createRunDir, ensureRunRoot, newRunId } from './run-dir.js';
import { selectPlugins } from './resolve-plugins.js';
import type { SelectedPlugin } from './resolve-plugins.js';
import { resolveRepo } from './resolve-repo.js';
import { takeRunLock } from './run-lock.js';
import type { PriorState } from './resume/prior-state.js';

export interface RunOptions {
  repoDir: string;
  registry: ReadonlyMap<string, Plugin>;
  command: string;
  lane?: string;
  configPath?: string;
  /** Overrides lane selection, e.g. the junit plugin for `ingest`. */
  plugins?: (config: AtqosConfig) => SelectedPlugin[];
  /** Called with the new run dir before any plugin runs (e.g. to copy ingested files in). */
  prepare?: (runDir: string) => void;
  parentEnv?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  log?: Logger;
  /** Runs after planning (`atqos run`): attempts the tasks and returns them with their outcomes. */
  remediate?: RemediateHook;
  /** A revision (branch, tag, sha): plugins see the files changed since it, for test impact. */
  changedSince?: string;
}

export interface RemediateHookInput {
  prepared: PreparedRun;
  recorder: RunRecorder;
  baseSha: string | undefined;
  tasks: Task[];
  findings: Finding[];
  /** Set by `atqos resume`: what the stopped run had already done. */
  prior?: PriorState;
}

export interface RemediationSummary {
  tasks: Task[];
  /** Shown in reports and `--json`: attempts, accepted branches, checkpoint, stop reason. */
  report: Record<string, unknown>;
  /** Failing findings left after the checkpoint; undefined when no checkpoint ran. */
  failingAfter?: number;
  /** The hook ended itself within the lane budget (`laneDeadline`): running out of it there is no error. */
  withinLaneBudget?: boolean;
}

export type RemediateHook = (input: RemediateHookInput) => Promise<RemediationSummary>;

/** Everything a run needs before its first tool starts. Nothing here touches the store. */
export interface PreparedRun {
  runId: string;
  runDir: string;
  runRoot: string;
  repoDir: string;
  lane: string;
  /** The lane as plugins see it (selection, reruns, risk tiers). */
  laneContext: LaneContext;
  /** Files changed since `changedSince`, when given. */
  changes?: ChangeSet;
  config: AtqosConfig;
  configSource: string | undefined;
  selected: SelectedPlugin[];
  env: Record<string, string>;
  /** Aborted by an interrupt, an internal abort or the lane timeout: collection and diagnosis stop at it. */
  signal: AbortSignal;
  /** `signal` without the lane timeout: remediation keeps its own deadline within the lane budget. */
  interrupt: AbortSignal;
  /** Stops the run's tools from inside (a setup failure after the first tool started). */
  abort: (reason?: unknown) => void;
  timeoutMs: number;
  /** When the lane's time budget ends (epoch ms), when it has one. */
  laneDeadline?: number;
  startedAt: Date;
  log: Logger;
}

/**
 * Validates the repo, config and plugin selection — failing before anything is written when they
 * are wrong — then creates and locks the run directory.
 */
export async function prepareRun(opts: RunOptions): Promise<PreparedRun> {
  const log = opts.log ?? silentLogger;
  const repoDir = resolveRepo(opts.repoDir);
  const { config, source } = loadConfig(repoDir, opts.configPath);
  const lane = opts.lane ?? config.defaultLane;
  const selected = opts.plugins ? opts.plugins(config) : await selectPlugins(config, lane, opts.registry, repoDir);
  if (selected.length === 0) {
    throw new AtqosError('nothing_to_run', `no plugin applies to ${repoDir} in lane "${lane}"`, {
      hint: `no test suite was detected (for pytest: pytest.ini, pyproject.toml [tool.pytest.ini_options], setup.cfg, tox.ini, conftest.py or test_*.py files); or list plugins in lanes.${lane}.plugins`,
    });
  }
  // Resolved before anything is written: a revision that does not exist is a usage error.
  const changes = opts.changedSince === undefined ? undefined : { since: opts.changedSince, ...(await changedFilesSince(repoDir, opts.changedSince)) };
  const runRoot = ensureRunRoot(repoDir, config.runs.dir);
  const runId = newRunId();
  const runDir = createRunDir(runRoot, runId);
  takeRunLock(runDir);
  return {
    runId, runDir, runRoot, repoDir, lane, laneContext: laneContext(config, lane), ...(changes ? { changes } : {}),
    config, configSource: source, selected, log, startedAt: new Date(), ...runControls(config, lane, opts),
  };
}

/** The tool environment and the run's signal: the caller's, an internal abort and the lane timeout. */
export function runControls(config: AtqosConfig, lane: string, opts: Pick<RunOptions, 'signal' | 'parentEnv'>): Pick<PreparedRun, 'env' | 'signal' | 'interrupt' | 'abort' | 'timeoutMs' | 'laneDeadline'> {
  const timeoutMs = (config.lanes[lane]?.timeoutSec ?? 0) * 1000;
  const internal = new AbortController();
  const interrupt = AbortSignal.any([opts.signal, internal.signal].filter((s): s is AbortSignal => !!s));
  return {
    timeoutMs,
    env: buildToolEnv(opts.parentEnv ?? process.env, { allow: config.env.allow, set: config.env.set }),
    signal: timeoutMs > 0 ? AbortSignal.any([interrupt, AbortSignal.timeout(timeoutMs)]) : interrupt,
    interrupt,
    abort: (reason) => internal.abort(reason),
    ...(timeoutMs > 0 ? { laneDeadline: Date.now() + timeoutMs } : {}),
  };
}

export function storePath(runDir: string): string {
  return path.join(runDir, 'state.db');
}
