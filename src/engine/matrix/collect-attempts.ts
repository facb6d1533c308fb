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
  /** Attemptable tasks of the plan that no usable artifact holds. */
  missing: string[];
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

/** Prefer the artifact where the task succeeded, then the lowest artifact name: the same choice every time. */
function better(a: TaskFromJob, b: TaskFromJob): TaskFromJob {
  const ok = (x: TaskFromJob) => (x.task.status === 'succeeded' ? 0 : 1);
  if (ok(a) !== ok(b)) return ok(a) < ok(b) ? a : b;
  return a.artifact.localeCompare(b.artifact) <= 0 ? a : b;
}

/**
 * Checks every attempt artifact (checksums, schema, plan run id, base, tasks, bundle) and picks one
 * result per task. Nothing is dropped silently: unusable artifacts, duplicates and tasks no artifact
 * holds are all listed.
 */
export async function collectAttempts(plan: MatrixPlan, dirs: readonly string[], repoDir: string): Promise<CollectedAttempts> {
  const out: CollectedAttempts = { byTask: new Map(), rejected: [], duplicated: [], missing: [] };
  const seen = new Map<string, TaskFromJob[]>();
  const sorted = [...new Set(dirs.map((d) => path.resolve(d)))].sort((a, b) => nameOf(a).localeCompare(nameOf(b)) || a.localeCompare(b));
  for (const dir of sorted) {
    const job = await problemOf(dir, plan, repoDir);
    if (typeof job === 'string') {
      out.rejected.push({ artifact: nameOf(dir), reason: job });
      continue;
    }
    for (const task of job.tasks) seen.set(task.id, [...(seen.get(task.id) ?? []), { artifact: nameOf(dir), dir, job, task }]);
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
