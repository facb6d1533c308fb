import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AtqosError } from '../../core/index.js';
import type { Run, Task } from '../../core/index.js';
import { agentAllowEnv, createAgentRegistry } from '../../agents/index.js';
import type { Logger, Plugin } from '../../plugin/contract.js';
import { buildToolEnv } from '../../runner/index.js';
import { openStore, readEventLog, RunRecorder } from '../../store/index.js';
import { writeFileAtomic } from '../../reports/index.js';
import { silentLogger } from '../logger.js';
import { runControls } from '../prepare-run.js';
import { remediate } from '../remediate/remediate.js';
import type { RemediationResult } from '../remediate/remediate.js';
import { ATTEMPT_JSON, BUNDLE_FILE } from './attempt-artifact.js';
import type { AttemptJob } from './attempt-artifact.js';
import { bundleBranches } from './bundle.js';
import { writeManifest } from './manifest.js';
import { readPlanArtifact } from './plan-artifact.js';
import type { MatrixPlan } from './plan-artifact.js';
import { assertAtBase, planConfig, planPlugins } from './plan-context.js';

export interface AttemptFromPlanOptions {
  planDir: string;
  taskIds: string[];
  /** The attempt artifact directory to write (new or empty). */
  outDir: string;
  /** A checkout of the planned repository at the plan's base SHA. */
  repoDir: string;
  registry: ReadonlyMap<string, Plugin>;
  parentEnv?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  log?: Logger;
}

export interface AttemptedJob {
  job: AttemptJob;
  outDir: string;
}

function pickTasks(plan: MatrixPlan, ids: readonly string[]): Task[] {
  const wanted = new Set(ids);
  const unknown = [...wanted].filter((id) => !plan.tasks.some((t) => t.id === id));
  if (unknown.length || wanted.size === 0) {
    throw new AtqosError('matrix_task_unknown', wanted.size === 0 ? 'no task to attempt' : `plan ${plan.runId} has no task ${unknown.join(', ')}`, {
      hint: `pass task ids from the plan's matrix.json (this plan has ${plan.tasks.map((t) => t.id).slice(0, 8).join(', ')}${plan.tasks.length > 8 ? ', …' : ''})`,
    });
  }
  return plan.tasks.filter((t) => wanted.has(t.id));
}

/** The job's outcome per task, from the loop's final statuses and reasons. */
function taskResults(result: RemediationResult): AttemptJob['tasks'] {
  const commits = new Map(result.accepted.map((a) => [a.task.id, a.commit]));
  return result.tasks.map((t) => {
    const reason = result.reasons.get(t.id);
    const commit = commits.get(t.id);
    return { id: t.id, status: t.status, ...(t.branch ? { branch: t.branch } : {}), ...(commit ? { commit } : {}), ...(reason ? { reason } : {}) };
  });
}

/**
 * `atqos attempt`: attempts some of a plan's tasks on this checkout, from the plan artifact alone
 * (no shared database), with the same loop as `atqos run` (worktrees, agents, guards, validation,
 * retries, fallback). Writes the attempt artifact: `attempt.json`, the attempts' directories under
 * `tasks/`, `branches.bundle` with the validated task branches, and a checksum manifest, last.
 */
export async function attemptFromPlan(opts: AttemptFromPlanOptions): Promise<AttemptedJob> {
  const log = opts.log ?? silentLogger;
  const plan = readPlanArtifact(opts.planDir);
  const tasks = pickTasks(plan, opts.taskIds);
  const repoDir = path.resolve(opts.repoDir);
  await assertAtBase(repoDir, plan);
  const outDir = path.resolve(opts.outDir);
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0) {
    throw new AtqosError('usage', `${outDir} is not empty`, { hint: 'give --out a new or empty directory for this job\'s artifact' });
  }
  const config = planConfig(plan, repoDir);
  const selected = planPlugins(plan, config, opts.registry);
  const controls = runControls(config, plan.lane, opts);
  const parentEnv = opts.parentEnv ?? process.env;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `atqos-attempt-${plan.runId}-`));
  const store = openStore(path.join(scratch, 'state.db'));
  const startedAt = new Date().toISOString();
  let result: RemediationResult;
  try {
    const recorder = new RunRecorder(store, { runId: plan.runId, runDir: outDir });
    const run: Run = { id: plan.runId, repo: repoDir, lane: plan.lane, command: 'attempt', status: 'running', startedAt, baseSha: plan.baseSha, findingCount: plan.findings.length };
    recorder.record('matrix.job.started', { tasks: tasks.map((t) => t.id), pid: process.pid }, (tx) => {
      tx.insertRun(run);
      tx.insertTasks(tasks);
    });
    const agentEnvs = new Map<string, Record<string, string>>();
    const agentEnv = (id: string) => agentEnvs.get(id) ?? agentEnvs.set(id, buildToolEnv(parentEnv, { allow: [...config.env.allow, ...agentAllowEnv(config.agents, id)], set: config.env.set })).get(id)!;
    result = await remediate({
      runId: plan.runId, runDir: outDir, repoDir, baseSha: plan.baseSha, config, tasks, findings: plan.findings,
      plugins: new Map(selected.map((s) => [s.plugin.id, s])), agents: createAgentRegistry(config.agents, { repoDir }),
      toolEnv: controls.env, agentEnv, recorder, signal: controls.signal, log,
    });
    recorder.record('matrix.job.finished', { accepted: result.accepted.length, attempts: result.attempts.length, stopReason: result.stopReason ?? null });
  } finally {
    store.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const bundled = await bundleBranches(repoDir, plan.baseSha, result.accepted.map((a) => a.branch), path.join(outDir, BUNDLE_FILE));
  const taskIds = new Set(tasks.map((t) => t.id));
  const job: AttemptJob = {
    schema: 'atqos/matrix-attempt@1', planRunId: plan.runId, baseSha: plan.baseSha, tasks: taskResults(result), attempts: result.attempts,
    events: readEventLog(path.join(outDir, 'events.jsonl')).filter((e) => typeof e.data.task === 'string' && taskIds.has(e.data.task)),
    ...(result.stopReason ? { stopReason: result.stopReason } : {}),
    interrupted: controls.signal.aborted, bundle: bundled ? BUNDLE_FILE : null, startedAt, finishedAt: new Date().toISOString(),
  };
  writeFileAtomic(path.join(outDir, ATTEMPT_JSON), `${JSON.stringify(job, null, 2)}\n`);
  writeManifest(outDir);
  log.info({ run: plan.runId, tasks: tasks.length, accepted: result.accepted.length, out: outDir }, 'attempt artifact written');
  return { job, outDir };
}
