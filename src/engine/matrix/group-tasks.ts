import type { Task } from '../../core/index.js';

/** GitHub Actions runs at most 256 jobs per matrix. */
export const MAX_MATRIX_JOBS = 256;

export interface GroupOptions {
  /** At most this many jobs (≤ 256). */
  maxJobs: number;
  /** Tasks per job; default: the tasks spread evenly over `maxJobs`. */
  tasksPerJob?: number;
}

/** Tasks linked by `dependsOn` (either way, transitively), in task order: they must share a job. */
function linkedGroups(tasks: readonly Task[]): Task[][] {
  const index = new Map(tasks.map((t, i) => [t.id, i]));
  const parent = tasks.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
  tasks.forEach((t, i) => {
    for (const dep of t.dependsOn) {
      const j = index.get(dep);
      if (j !== undefined) parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, Task[]>();
  tasks.forEach((t, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), t]);
  });
  return [...groups.values()].sort((a, b) => (index.get(a[0]!.id) ?? 0) - (index.get(b[0]!.id) ?? 0));
}

function pack(groups: readonly Task[][], perJob: number): Task[][] {
  const jobs: Task[][] = [];
  for (const group of groups) {
    const last = jobs.at(-1);
    if (last && last.length + group.length <= perJob) last.push(...group);
    else jobs.push([...group]);
  }
  return jobs;
}

/**
 * Splits planned tasks into matrix jobs of at most `tasksPerJob` tasks, never more than `maxJobs`
 * jobs, in task order. Dependent tasks (a systemic task and the tasks it blocks) stay in one job
 * even when that makes it bigger: a job cannot wait for another job's fix. Deterministic.
 */
export function groupTasks(tasks: readonly Task[], opts: GroupOptions): Task[][] {
  if (tasks.length === 0) return [];
  const maxJobs = Math.max(1, Math.min(opts.maxJobs, MAX_MATRIX_JOBS));
  const groups = linkedGroups(tasks);
  let perJob = Math.max(1, opts.tasksPerJob ?? Math.ceil(tasks.length / maxJobs));
  let jobs = pack(groups, perJob);
  // Big linked groups can leave too many jobs: widen the jobs until the matrix fits.
  while (jobs.length > maxJobs) jobs = pack(groups, ++perJob);
  return jobs;
}
