import fs from 'node:fs';
import path from 'node:path';
import { AtqosError } from '../../core/index.js';
import type { Plugin, Logger, ChangeSet } from '../../plugin/contract.js';
import { openStore, RunRecorder } from '../../store/index.js';
import { driveRun } from '../execute-run.js';
import type { RunOutcome } from '../execute-run.js';
import { laneContext } from '../lane-context.js';
import { silentLogger } from '../logger.js';
import { runControls, storePath } from '../prepare-run.js';
import type { PreparedRun } from '../prepare-run.js';
import { loadPriorState } from '../resume/prior-state.js';
import { resolveRepo } from '../resolve-repo.js';
import { ensureRunRoot } from '../run-dir.js';
import { isRunLive, takeRunLock } from '../run-lock.js';
import { fetchBranches } from './bundle.js';
import { collectAttempts } from './collect-attempts.js';
import type { CollectedAttempts } from './collect-attempts.js';
import { integrateHook, matrixReport } from './integrate-hook.js';
import { PLAN_RUN_DIR, readPlanArtifact } from './plan-artifact.js';
import type { MatrixPlan } from './plan-artifact.js';
import { assertHasBase, planConfig, planPlugins } from './plan-context.js';

export interface IntegrateMatrixOptions {
  planDir: string;
  attemptDirs: string[];
  /** A checkout of the planned repository holding the plan's base commit. */
  repoDir: string;
  registry: ReadonlyMap<string, Plugin>;
  parentEnv?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  log?: Logger;
}

export interface IntegratedMatrix {
  outcome: RunOutcome;
  collected: CollectedAttempts;
}

/**
 * Makes `<run root>/runs/<plan run id>` the plan's run directory again, from scratch: integrating
 * the same artifacts twice is integrating once. Copies each used task's attempt directories in.
 */
function rebuildRunDir(runDir: string, planDir: string, collected: CollectedAttempts): void {
  if (fs.existsSync(runDir)) {
    if (isRunLive(runDir)) throw new AtqosError('run_live', `${runDir} is in use by a running ATQOS process`, { hint: 'wait for it to finish, then integrate again' });
    fs.rmSync(runDir, { recursive: true, force: true });
  }
  fs.mkdirSync(path.dirname(runDir), { recursive: true });
  fs.cpSync(path.join(planDir, PLAN_RUN_DIR), runDir, { recursive: true });
  for (const [task, from] of collected.byTask) {
    const src = path.join(from.dir, 'tasks', task);
    if (fs.existsSync(src)) fs.cpSync(src, path.join(runDir, 'tasks', task), { recursive: true });
  }
}

/** Fetches each used succeeded task's branch from its artifact's bundle, one fetch per artifact. */
async function fetchAccepted(repoDir: string, collected: CollectedAttempts): Promise<void> {
  const perBundle = new Map<string, string[]>();
  for (const from of collected.byTask.values()) {
    if (from.task.status !== 'succeeded' || !from.task.branch || !from.job.bundle) continue;
    const file = path.join(from.dir, from.job.bundle);
    perBundle.set(file, [...(perBundle.get(file) ?? []), from.task.branch]);
  }
  for (const [file, branches] of [...perBundle].sort(([a], [b]) => a.localeCompare(b))) await fetchBranches(repoDir, file, branches);
}

function savedChanges(runDir: string): ChangeSet | undefined {
  try {
    const saved = JSON.parse(fs.readFileSync(path.join(runDir, 'config.resolved.json'), 'utf8')) as { changes?: ChangeSet | null };
    return saved.changes ?? undefined;
  } catch {
    return undefined;
  }
}

function prepared(plan: MatrixPlan, repoDir: string, runRoot: string, runDir: string, opts: IntegrateMatrixOptions, startedAt: string): PreparedRun {
  const config = planConfig(plan, repoDir);
  const changes = savedChanges(runDir);
  return {
    runId: plan.runId, runDir, runRoot, repoDir, lane: plan.lane, config, configSource: plan.configSource ?? undefined,
    selected: planPlugins(plan, config, opts.registry), log: opts.log ?? silentLogger, laneContext: laneContext(config, plan.lane),
    ...(changes ? { changes } : {}), startedAt: new Date(startedAt), ...runControls(config, plan.lane, opts),
  };
}

/**
 * `atqos integrate`: merges a plan and its attempt artifacts into one run, in this checkout — the
 * store and event log (plan events, then each task's in task order), the task branches, one
 * checkpoint on the integration branch, the reports — exactly as `atqos run` leaves them.
 */
export async function integrateMatrix(opts: IntegrateMatrixOptions): Promise<IntegratedMatrix> {
  const planDir = path.resolve(opts.planDir);
  const plan = readPlanArtifact(planDir);
  const repoDir = resolveRepo(opts.repoDir);
  await assertHasBase(repoDir, plan);
  const collected = await collectAttempts(plan, opts.attemptDirs, repoDir);
  const runRoot = ensureRunRoot(repoDir, planConfig(plan, repoDir).runs.dir);
  const runDir = path.join(runRoot, 'runs', plan.runId);
  rebuildRunDir(runDir, planDir, collected);
  takeRunLock(runDir);
  await fetchAccepted(repoDir, collected);
  const store = openStore(storePath(runDir));
  let prior;
  try {
    const recorder = new RunRecorder(store, { runId: plan.runId, runDir });
    recorder.record('matrix.integrate.started', { repo: repoDir, artifacts: opts.attemptDirs.map((d) => path.basename(path.resolve(d))).sort(), ...matrixReport(collected) }, (tx) => tx.updateRun(plan.runId, { repo: repoDir }));
    prior = loadPriorState(store, plan.runId);
  } finally {
    store.close();
  }
  if (!prior) throw new AtqosError('matrix_plan_invalid', `the plan's state.db holds no run ${plan.runId}`, { hint: 're-run the plan job' });
  const p = prepared(plan, repoDir, runRoot, runDir, opts, prior.run.startedAt);
  const outcome = await driveRun(p, { command: 'run', remediate: integrateHook(collected, plan.attemptable), ...(opts.signal ? { signal: opts.signal } : {}) }, prior);
  return { outcome, collected };
}
