import fs from 'node:fs';
import path from 'node:path';
import { Attempt, GuardVerdict } from '../../core/index.js';
import type { Task } from '../../core/index.js';
import { scrubText } from '../../secrets/index.js';
import { git, readTrailers, taskBranchName } from '../../git/index.js';
import type { RunRecorder } from '../../store/index.js';
import type { PriorState, UnfinishedAttempt } from '../resume/prior-state.js';

/** Where each task of a resumed run stands before the loop goes on. */
export interface SettledTask {
  /** Attempts that count against the task's budget (not the interrupted ones). */
  counted: number;
  /** The number the next attempt gets: after every earlier one, interrupted or not. */
  nextN: number;
  /** Why the last counted attempt failed, for the retry's instructions. */
  previous?: string;
  /** The validated commit on the task branch, when an attempt was accepted. */
  commit?: string;
}

export interface SettledPrior {
  tasks: Map<string, SettledTask>;
  attempts: Attempt[];
}

const INTERRUPTED = 'the ATQOS process stopped during this attempt (killed or crashed); it does not count as a retry';

interface SettleContext {
  runId: string;
  runDir: string;
  repoDir: string;
  tasks: ReadonlyMap<string, Task>;
  recorder: RunRecorder;
}

/** The branch tip, when it is this run's commit for this attempt of this task. */
async function committedBy(ctx: SettleContext, task: Task, n?: number): Promise<string | undefined> {
  const branch = taskBranchName(task.type, task.findings[0] as string);
  const tip = await git(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`], { cwd: ctx.repoDir, allowFail: true });
  const sha = tip.stdout.trim();
  if (tip.exitCode !== 0 || !sha) return undefined;
  const t = await readTrailers(ctx.repoDir, sha);
  const ours = t['ATQOS-Run'] === ctx.runId && t['ATQOS-Task'] === task.id && (n === undefined || t['ATQOS-Attempt'] === String(n));
  return ours ? sha : undefined;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * An attempt the dead process started but never recorded: the record its own files or the task
 * branch prove (it finished, or was committed), or else `interrupted`.
 */
async function settleUnfinished(ctx: SettleContext, u: UnfinishedAttempt): Promise<Attempt | undefined> {
  const task = ctx.tasks.get(u.taskId);
  if (!task) return undefined;
  const dir = path.join(ctx.runDir, 'tasks', u.taskId, `attempt-${u.n}`);
  const written = Attempt.safeParse(readJson(path.join(dir, 'attempt.json')));
  if (written.success && written.data.outcome && written.data.outcome !== 'accepted') return written.data;
  const commit = await committedBy(ctx, task, u.n);
  const base: Attempt = written.success
    ? written.data
    : { id: `${u.taskId}-a${u.n}`, taskId: u.taskId, n: u.n, agent: u.agent, startedAt: new Date().toISOString(), diffStat: { files: 0, insertions: 0, deletions: 0 }, guards: [], cost: {} };
  if (commit) {
    const guards = GuardVerdict.array().safeParse(readJson(path.join(dir, 'guards.json')));
    return { ...base, guards: guards.success ? guards.data : base.guards, outcome: 'accepted', reason: base.reason ?? 'validated and committed before the process stopped; kept by `atqos resume`', finishedAt: base.finishedAt ?? new Date().toISOString() };
  }
  const interrupted: Attempt = { ...base, outcome: 'interrupted', reason: INTERRUPTED, finishedAt: new Date().toISOString() };
  // The record of what happened stays with the attempt's artifacts, even when it had none yet.
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'attempt.json'), scrubText(`${JSON.stringify(interrupted, null, 2)}\n`));
  return interrupted;
}

/**
 * Settles a stopped run's attempts for `atqos resume`: each unfinished attempt is recorded as
 * what it provably became, and every task learns its attempt count, next number and last
 * failure. Finished attempts are never redone; interrupted ones do not count as retries.
 */
export async function settlePrior(ctx: SettleContext, prior: PriorState): Promise<SettledPrior> {
  const attempts = [...prior.attempts];
  for (const u of prior.unfinished) {
    const attempt = await settleUnfinished(ctx, u);
    if (!attempt) continue;
    ctx.recorder.record('attempt.finished', { task: u.taskId, attempt: u.n, outcome: attempt.outcome, reason: attempt.reason, settledByResume: true }, (tx) => tx.insertAttempt(ctx.runId, attempt));
    attempts.push(attempt);
  }
  const tasks = new Map<string, SettledTask>();
  for (const task of ctx.tasks.values()) {
    const mine = attempts.filter((a) => a.taskId === task.id).sort((a, b) => a.n - b.n);
    const counted = mine.filter((a) => a.outcome !== 'interrupted');
    const last = counted.at(-1);
    const accepted = mine.some((a) => a.outcome === 'accepted') || task.status === 'succeeded';
    const commit = accepted ? await committedBy(ctx, task) : undefined;
    tasks.set(task.id, {
      counted: counted.length,
      nextN: Math.max(0, ...mine.map((a) => a.n)) + 1,
      ...(last && last.outcome !== 'accepted' ? { previous: `attempt ${last.n} was ${last.outcome}: ${last.reason ?? ''}` } : {}),
      ...(commit ? { commit } : {}),
    });
  }
  return { tasks, attempts };
}
