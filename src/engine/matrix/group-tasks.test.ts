import { describe, expect, it } from 'vitest';
import type { Task } from '../../core/index.js';
import { groupTasks } from './group-tasks.js';

function task(id: string, dependsOn: string[] = []): Task {
  return {
    id, runId: 'r', type: 'fix', tool: 'pytest', title: id, findings: [`fp-${id}`], targets: { files: [], nodeIds: [] }, allowedPaths: [],
    validation: { commands: [], expect: 'exit-zero', repeat: 1 }, retryPolicy: { maxAttempts: 2 }, priority: 0, dependsOn, status: 'queued',
  };
}

const ids = (jobs: Task[][]) => jobs.map((j) => j.map((t) => t.id));

describe('groupTasks', () => {
  it('spreads independent tasks evenly over the jobs, in task order', () => {
    const tasks = ['a', 'b', 'c', 'd', 'e'].map((id) => task(id));
    expect(ids(groupTasks(tasks, { maxJobs: 2 }))).toEqual([['a', 'b', 'c'], ['d', 'e']]);
    expect(ids(groupTasks(tasks, { maxJobs: 16, tasksPerJob: 2 }))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('keeps tasks linked by dependsOn (transitively, either direction) in one job, even over the job size', () => {
    const tasks = [task('sys'), task('x'), task('a', ['sys']), task('b', ['a']), task('y')];
    expect(ids(groupTasks(tasks, { maxJobs: 16, tasksPerJob: 1 }))).toEqual([['sys', 'a', 'b'], ['x'], ['y']]);
  });

  it('never makes more jobs than allowed, nor more than GitHub’s 256', () => {
    const many = Array.from({ length: 1000 }, (_, i) => task(`t${i}`));
    expect(groupTasks(many, { maxJobs: 16, tasksPerJob: 1 })).toHaveLength(16);
    const jobs = groupTasks(many, { maxJobs: 10_000 });
    expect(jobs.length).toBeLessThanOrEqual(256);
    expect(jobs.flat()).toHaveLength(1000);
  });

  it('gives no job for no task', () => {
    expect(groupTasks([], { maxJobs: 4 })).toEqual([]);
  });
});
