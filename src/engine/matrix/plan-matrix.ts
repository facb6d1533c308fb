import fs from 'node:fs';
import path from 'node:path';
import { AtqosError } from '../../core/index.js';
import type { Task } from '../../core/index.js';
import { writeFileAtomic } from '../../reports/index.js';
import { readEventLog } from '../../store/index.js';
import { executeRun } from '../execute-run.js';
import type { RunOutcome } from '../execute-run.js';
import type { RemediateHook, RunOptions } from '../prepare-run.js';
import { groupTasks } from './group-tasks.js';
import type { GroupOptions } from './group-tasks.js';
import { writeManifest } from './manifest.js';
import { MATRIX_JSON, matrixOf, PLAN_JSON, PLAN_RUN_DIR } from './plan-artifact.js';
import type { Matrix, MatrixPlan } from './plan-artifact.js';

export type PlanMatrixOptions = Omit<RunOptions, 'command' | 'remediate' | 'plugins' | 'prepare'> & GroupOptions & {
  /** The plan artifact directory to write (must not exist, or be empty). */
  outDir: string;
};

export interface PlannedMatrix {
  outcome: RunOutcome;
  /** Undefined when the diagnosis did not finish (crashed, interrupted): no artifact is written. */
  plan?: MatrixPlan;
  matrix?: Matrix;
  outDir: string;
}

function assertFreshDir(dir: string): void {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    throw new AtqosError('usage', `${dir} is not empty`, { hint: 'give --out a new or empty directory for the artifact' });
  }
}

function jobsOf(tasks: readonly Task[], attemptable: number, opts: GroupOptions): MatrixPlan['jobs'] {
  return groupTasks(tasks.slice(0, attemptable), opts).map((group, i) => ({ job: String(i + 1), tasks: group.map((t) => t.id) }));
}

/**
 * `atqos plan --matrix`: the diagnosis of `atqos run` (collect, normalize, plan) as a run of its
 * own, whose remediation is left to matrix jobs. Writes the plan artifact: `plan.json`,
 * `matrix.json`, the run directory under `run/`, and a checksum manifest over all of it.
 */
export async function planMatrix(opts: PlanMatrixOptions): Promise<PlannedMatrix> {
  const outDir = path.resolve(opts.outDir);
  assertFreshDir(outDir);
  const group: GroupOptions = { maxJobs: opts.maxJobs, ...(opts.tasksPerJob ? { tasksPerJob: opts.tasksPerJob } : {}) };
  const plugins: MatrixPlan['plugins'] = [];
  const hook: RemediateHook = async ({ prepared, recorder, tasks }) => {
    plugins.push(...prepared.selected.map((s) => ({ id: s.plugin.id, options: s.options })));
    const attemptable = Math.min(tasks.length, prepared.config.remediation.maxTasks);
    const jobs = jobsOf(tasks, attemptable, group);
    const skipped = `planned for ${jobs.length} matrix job(s) (\`atqos attempt\`); \`atqos integrate\` finishes this run`;
    recorder.record('matrix.planned', { jobs: jobs.length, tasks: tasks.length, attemptable, groups: jobs });
    return { tasks, report: { skipped, matrix: { jobs } } };
  };
  const outcome = await executeRun({ ...opts, command: 'run', remediate: hook });
  if (outcome.run.status !== 'finished') return { outcome, outDir };
  if (!outcome.run.baseSha) {
    throw new AtqosError('usage', `${outcome.run.repo} has no commit, so matrix jobs have nothing to check out`, { hint: 'commit the repository first (`git add -A && git commit -m init`)' });
  }
  const saved = JSON.parse(fs.readFileSync(path.join(outcome.runDir, 'config.resolved.json'), 'utf8')) as { source?: string | null; config: { remediation: { maxTasks: number } } };
  const attemptable = Math.min(outcome.tasks.length, saved.config.remediation.maxTasks);
  // With nothing to fix the hook never ran: the plugins are still the run's, from its first event.
  if (plugins.length === 0) plugins.push(...startedPlugins(outcome.runDir).map((id) => ({ id, options: null })));
  const plan: MatrixPlan = {
    schema: 'atqos/matrix-plan@1', runId: outcome.run.id, lane: outcome.run.lane, baseSha: outcome.run.baseSha,
    createdAt: new Date().toISOString(), configSource: saved.source ?? null, config: saved.config, plugins,
    tasks: outcome.tasks, attemptable, findings: outcome.findings, tests: outcome.tests, tools: outcome.tools,
    jobs: jobsOf(outcome.tasks, attemptable, group),
  };
  fs.mkdirSync(outDir, { recursive: true });
  fs.cpSync(outcome.runDir, path.join(outDir, PLAN_RUN_DIR), { recursive: true });
  const matrix = matrixOf(plan);
  writeFileAtomic(path.join(outDir, PLAN_JSON), `${JSON.stringify(plan, null, 2)}\n`);
  writeFileAtomic(path.join(outDir, MATRIX_JSON), `${JSON.stringify(matrix)}\n`);
  writeManifest(outDir);
  return { outcome, plan, matrix, outDir };
}

function startedPlugins(runDir: string): string[] {
  const started = readEventLog(path.join(runDir, 'events.jsonl')).find((e) => e.type === 'run.started');
  return Array.isArray(started?.data.plugins) ? started.data.plugins.filter((p): p is string => typeof p === 'string') : [];
}
