import path from 'node:path';
import { readAttemptJob } from './attempt-artifact.js';
import type { AttemptJob, AttemptedTask } from './attempt-artifact.js';
import { bundleHeads } from './bundle.js';
import { manifestProblem } from './manifest.js';
import type { MatrixPlan } from './plan-artifact.js';

/** One task's result, and the artifact it came from. */
export interface TaskFromJob {
  artifact: string;
  dir: string;
  job: AttemptJob;
  task: AttemptedTask;
}

/** What `atqos integrate` found in the attempt artifacts it was given. */
export interface CollectedAttempts {
  /** The result used for each task. */
  byTask: Map<string, TaskFromJob>;
  /** Artifacts that cannot be used, and why: their tasks count as not attempted. */
  rejected: { artifact: string; reason: string }[];
  /** Tasks found in more than one usable artifact: which one was used and which were not. */
  duplicated: { task: string; used: string; ignored: string[] }[];
  /** Attemptable tasks of the plan that no usable artifact holds, or only unfinished in an interrupted job. */
  missing: string[];
  /** Interrupted jobs (cancelled, timed out) and the tasks they left unfinished. */
  interrupted: { artifact: string; unfinished: string[] }[];
}

/** Names artifacts by their directory, the way download-artifact lays them out. */
const nameOf = (dir: string) => path.basename(path.resolve(dir));

async function problemOf(dir: string, plan: MatrixPlan, repoDir: string): Promise<AttemptJob | string> {
  const broken = manifestProblem(dir);
  if (broken) return broken;
  const job = readAttemptJob(dir);
  if (typeof job === 'string') return job;
  if (job.planRunId !== plan.runId) return `it belongs to plan ${job.planRunId}, not ${plan.runId}`;
  if (job.baseSha !== plan.baseSha) return `it was made at ${job.baseSha}, not at the plan's base ${plan.baseSha}`;
  const planned = new Set(plan.tasks.map((t) => t.id));
  const foreign = job.tasks.filter((t) => !planned.has(t.id)).map((t) => t.id);
  if (foreign.length) return `task(s) ${foreign.join(', ')} are not in the plan`;
  const accepted = job.tasks.filter((t) => t.status === 'succeeded');
  if (accepted.some((t) => !t.branch || !t.commit)) return 'a succeeded task names no branch or commit';
  if (accepted.length === 0) return job;
  if (!job.bundle) return 'succeeded tasks but no branches.bundle';
  const heads = await bundleHeads(repoDir, path.join(dir, job.bundle));
  if (typeof heads === 'string') return heads;
  const wrong = accepted.filter((t) => heads.get(`refs/heads/${t.branch}`) !== t.commit).map((t) => t.branch);
  return wrong.length ? `branches.bundle does not hold ${wrong.join(', ')} at the recorded commit` : job;
}

/**
 * The tasks an interrupted job did not finish: still queued or running when the signal came, or
 * blocked only because a task they depend on was not finished. A job that was not interrupted has
 * none: its queued tasks were stopped by a budget, which is a result like `atqos run`'s.
 */
export function unfinishedTasks(job: AttemptJob, plan: MatrixPlan): Set<string> {
  const out = new Set<string>();
  if (!job.interrupted) return out;
  for (const t of job.tasks) if (t.status === 'queued' || t.status === 'running') out.add(t.id);
  const deps = new Map(plan.tasks.map((t) => [t.id, t.dependsOn]));
  for (let grew = true; grew;) {
    grew = false;
    for (const t of job.tasks) {
      if (t.status !== 'blocked' || out.has(t.id) || !(deps.get(t.id) ?? []).some((d) => out.has(d))) continue;
      out.add(t.id);
      grew = true;
    }
  }
  return out;
}

/**
 * Prefer a result from a job that ran to its end over one from an interrupted job, then the one
 * where the task succeeded, then the lowest artifact name: the same choice every time, whatever
 * order the artifacts come in.
 */
function better(a: TaskFromJob, b: TaskFromJob): TaskFromJob {
  const rank = (x: TaskFromJob) => [x.job.interrupted ? 1 : 0, x.task.status === 'succeeded' ? 0 : 1];
  const [ra, rb] = [rank(a), rank(b)];
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return (ra[i] as number) < (rb[i] as number) ? a : b;
  return a.artifact.localeCompare(b.artifact) <= 0 ? a : b;
}

/**
 * Checks every attempt artifact (checksums, schema, plan run id, base, tasks, bundle) and picks one
 * result per task. Nothing is dropped silently: unusable artifacts, duplicates and tasks no artifact
 * holds are all listed.
 */
export async function collectAttempts(plan: MatrixPlan, dirs: readonly string[], repoDir: string): Promise<CollectedAttempts> {
  const out: CollectedAttempts = { byTask: new Map(), rejected: [], duplicated: [], missing: [], interrupted: [] };
  const seen = new Map<string, TaskFromJob[]>();
  const sorted = [...new Set(dirs.map((d) => path.resolve(d)))].sort((a, b) => nameOf(a).localeCompare(nameOf(b)) || a.localeCompare(b));
  for (const dir of sorted) {
    const job = await problemOf(dir, plan, repoDir);
    if (typeof job === 'string') {
      out.rejected.push({ artifact: nameOf(dir), reason: job });
      continue;
    }
    const unfinished = unfinishedTasks(job, plan);
    if (job.interrupted) out.interrupted.push({ artifact: nameOf(dir), unfinished: job.tasks.map((t) => t.id).filter((id) => unfinished.has(id)) });
    // An unfinished task's result is no result: another artifact's, or "not attempted".
    for (const task of job.tasks.filter((t) => !unfinished.has(t.id))) seen.set(task.id, [...(seen.get(task.id) ?? []), { artifact: nameOf(dir), dir, job, task }]);
  }
  for (const task of plan.tasks.slice(0, plan.attemptable)) {
    const found = seen.get(task.id) ?? [];
    if (found.length === 0) {
      out.missing.push(task.id);
      continue;
    }
    const used = found.reduce(better);
    out.byTask.set(task.id, used);
    if (found.length > 1) out.duplicated.push({ task: task.id, used: used.artifact, ignored: found.filter((f) => f !== used).map((f) => f.artifact) });
  }
  return out;
}
