import type { Attempt, Event, Task } from '../../core/index.js';
import { TaskStatus } from '../../core/index.js';
import type { RunRecorder } from '../../store/index.js';
import type { RemediateHook } from '../prepare-run.js';
import { pluginContext } from '../plugin-context.js';
import { checkpoint } from '../remediate/checkpoint.js';
import type { CheckpointResult } from '../remediate/checkpoint.js';
import { remediationReport } from '../remediate/remediation-hook.js';
import type { RemediationResult } from '../remediate/remediate.js';
import type { AcceptedFix } from '../remediate/run-task.js';
import { stopAfterCheckpoint } from '../remediate/stop-rules.js';
import type { CollectedAttempts, TaskFromJob } from './collect-attempts.js';

export const NOT_ATTEMPTED = 'not attempted: no usable attempt artifact holds this task (its matrix job died, or its artifact is missing or corrupt); re-run that job and integrate again';

/** Why a task has no result: its job was interrupted before finishing it, or no artifact holds it. */
export function notAttemptedReason(c: CollectedAttempts, task: string): string {
  const cut = c.interrupted.find((i) => i.unfinished.includes(task));
  if (!cut) return NOT_ATTEMPTED;
  return `not attempted: its matrix job (artifact ${cut.artifact}) was interrupted (cancelled or timed out) before finishing it; re-run that job and integrate again`;
}

interface Replay {
  status: Map<string, Task>;
  reasons: Map<string, string>;
  attempts: Attempt[];
  accepted: AcceptedFix[];
}

/** Records one of the job's events again in the run, with the store change it stood for. */
function replayEvent(recorder: RunRecorder, runId: string, task: Task, e: Event, from: TaskFromJob, r: Replay): void {
  const status = TaskStatus.safeParse(e.type.slice('task.'.length));
  if (e.type === 'attempt.finished') {
    const attempt = from.job.attempts.find((a) => a.taskId === task.id && a.n === e.data.attempt);
    if (!attempt) return;
    r.attempts.push(attempt);
    recorder.record(e.type, e.data, (tx) => tx.insertAttempt(runId, attempt));
  } else if (e.type.startsWith('task.') && status.success) {
    const branch = typeof e.data.branch === 'string' ? { branch: e.data.branch } : {};
    r.status.set(task.id, { ...task, status: status.data, ...branch });
    if (typeof e.data.reason === 'string') r.reasons.set(task.id, e.data.reason);
    else r.reasons.delete(task.id);
    recorder.record(e.type, e.data, (tx) => tx.updateTask(task.id, { status: status.data, ...branch }));
  } else {
    recorder.record(e.type, e.data);
  }
}

/**
 * The remediation phase of `atqos integrate`: no agent runs. Each task's events and attempts are
 * taken from the artifact chosen for it, in task order; tasks no artifact holds are recorded as
 * not attempted. Then the accepted branches (already fetched) are integrated and re-checked at one
 * checkpoint, and the report has exactly the shape `atqos run` writes.
 */
export function integrateHook(collected: CollectedAttempts, attemptable: number): RemediateHook {
  return async ({ prepared: p, recorder, baseSha, tasks, findings }) => {
    const r: Replay = { status: new Map(tasks.map((t) => [t.id, t])), reasons: new Map(), attempts: [], accepted: [] };
    const selected = tasks.slice(0, attemptable);
    const budgetNote = tasks.length > selected.length ? `task budget: ${selected.length} of ${tasks.length} tasks attempted (remediation.maxTasks)` : undefined;
    recorder.record('remediation.started', { tasks: selected.length, matrix: true });
    let jobStop: string | undefined;
    for (const task of selected) {
      const from = collected.byTask.get(task.id);
      if (!from) {
        r.status.set(task.id, { ...task, status: 'queued' });
        const reason = notAttemptedReason(collected, task.id);
        r.reasons.set(task.id, reason);
        recorder.record('task.queued', { task: task.id, reason, notAttempted: true }, (tx) => tx.updateTask(task.id, { status: 'queued' }));
        continue;
      }
      for (const e of from.job.events.filter((x) => x.data.task === task.id)) replayEvent(recorder, p.runId, task, e, from, r);
      const done = r.status.get(task.id);
      if (done?.status === 'succeeded' && done.branch && from.task.commit) r.accepted.push({ task: done, branch: done.branch, commit: from.task.commit });
      jobStop ??= from.job.stopReason;
    }
    const checkpoints: CheckpointResult[] = [];
    let stop: string | undefined;
    if (r.accepted.length && baseSha && !p.signal.aborted) {
      const branches = r.accepted.map((a) => a.branch);
      const cp = await checkpoint({
        repoDir: p.repoDir, runDir: p.runDir, runId: p.runId, baseSha, branches, selected: p.selected, baseline: findings, env: p.env,
        maxOutputBytes: p.config.runs.maxOutputBytes, signal: p.signal, log: p.log, plugins: pluginContext(p),
        started: (dir) => recorder.record('checkpoint.started', { dir, branches }),
      });
      recorder.record('checkpoint.finished', { ...cp, branches });
      checkpoints.push(cp);
      stop = stopAfterCheckpoint(checkpoints);
      if (stop) recorder.record('remediation.stopped', { reason: stop });
    }
    const stopReason = stop ?? budgetNote ?? jobStop;
    const result: RemediationResult = { tasks: tasks.map((t) => r.status.get(t.id) ?? t), attempts: r.attempts, accepted: r.accepted, reasons: r.reasons, ...(stopReason ? { stopReason } : {}) };
    recorder.record('remediation.finished', { reason: stopReason ?? null, accepted: r.accepted.length, checkpoints: checkpoints.length, tasks: result.tasks.length, attempts: r.attempts.length });
    const cp = checkpoints.at(-1);
    const report = { ...remediationReport(result, checkpoints), matrix: matrixReport(collected) };
    return { tasks: result.tasks, report, ...(cp?.trustworthy ? { failingAfter: cp.failingAfter } : {}) };
  };
}

/** The matrix section of the report: where each task came from, and everything that was off. */
export function matrixReport(c: CollectedAttempts): Record<string, unknown> {
  return {
    notAttempted: c.missing,
    interrupted: c.interrupted,
    rejected: c.rejected,
    duplicated: c.duplicated,
    sources: Object.fromEntries([...c.byTask].map(([task, f]) => [task, f.artifact])),
  };
}
