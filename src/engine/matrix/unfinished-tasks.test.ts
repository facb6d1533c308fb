import { describe, expect, it } from 'vitest';
import type { Task } from '../../core/index.js';
import type { AttemptJob } from './attempt-artifact.js';
import { unfinishedTasks } from './collect-attempts.js';
import type { MatrixPlan } from './plan-artifact.js';

function task(id: string, dependsOn: string[] = []): Task {
  return {
    id, runId: 'r', type: 'fix', tool: 'pytest', title: id, findings: [`fp-${id}`], targets: { files: [], nodeIds: [] }, allowedPaths: [],
    validation: { commands: [], expect: 'exit-zero', repeat: 1 }, retryPolicy: { maxAttempts: 2 }, priority: 0, dependsOn, status: 'queued',
  };
}

const plan = { tasks: [task('a'), task('b'), task('c', ['b']), task('d', ['a']), task('e')] } as unknown as MatrixPlan;

function job(interrupted: boolean, statuses: Record<string, AttemptJob['tasks'][number]['status']>): AttemptJob {
  return {
    schema: 'atqos/matrix-attempt@1', planRunId: 'r', baseSha: 'f'.repeat(40), tasks: Object.entries(statuses).map(([id, status]) => ({ id, status })),
    attempts: [], events: [], interrupted, bundle: null, startedAt: '', finishedAt: '',
  };
}

describe('unfinishedTasks', () => {
  it('an interrupted job leaves its queued and running tasks unfinished, and the tasks blocked only by them', () => {
    const statuses = { a: 'abandoned', b: 'queued', c: 'blocked', d: 'blocked', e: 'running' } as const;
    expect([...unfinishedTasks(job(true, statuses), plan)].sort()).toEqual(['b', 'c', 'e']);
  });

  it('a job that ran to its end has none: its queued tasks were stopped by a budget, a result of their own', () => {
    expect(unfinishedTasks(job(false, { a: 'queued', b: 'running', c: 'blocked' }), plan).size).toBe(0);
  });
});
