import type { Attempt, Finding, Task } from '../../core/index.js';
import type { AgentAdapter } from '../../agents/contract.js';
import type { RemediationConfig } from '../../config/index.js';
import type { RunRecorder } from '../../store/index.js';
import { taskBranchName } from '../../git/index.js';
import { attemptTask } from './attempt-task.js';
import type { AttemptEnv } from './attempt-task.js';
import { budgetExhausted, remainingUsd } from './budgets.js';
import type { SettledTask } from './settle-prior.js';

export interface AcceptedFix {
  task: Task;
  branch: string;
  commit: string;
}

/** What every task of one remediation loop shares: its record, its budgets, its tallies. */
export interface LoopState {
  runId: string;
  config: RemediationConfig;
  recorder: RunRecorder;
  signal: AbortSignal;
  deadline: number;
  /** The lane's time budget (see RemediationInput.laneBudget); `signal` aborts at its deadline. */
  laneBudget?: { deadline: number; reason: string };
  status: Map<string, Task>;
  attempts: Attempt[];
  accepted: AcceptedFix[];
  /** Why each task has its status (blocked, abandoned, queued by a budget), for the report. */
  reasons: Map<string, string>;
  /** The first reason the loop stopped starting attempts; set by whichever task met it. */
  stopReason?: string;
  setStatus(task: Task, next: Task['status'], data?: Record<string, unknown>): void;
}

/** What one task needs to be attempted: its agents and plugin environment, its evidence. */
export interface TaskWork {
  /** The task's agent, then the fallback chain (agents.fallback) in order. */
  agents: AgentAdapter[];
  env: Omit<AttemptEnv, 'agent' | 'agentEnv'>;
  /** Each agent's own process environment (its keys only). */
  agentEnv: (agentId: string) => Readonly<Record<string, string>>;
  findings: Finding[];
  before: SettledTask;
}

const FINAL = new Set<Task['status']>(['succeeded', 'abandoned', 'blocked']);

/** Whether a task needs no (further) attempts: already settled, or done in an earlier process. */
export function alreadyDone(task: Task, before: SettledTask, loop: LoopState): boolean {
  if (before.commit) {
    const branch = taskBranchName(task.type, task.findings[0] as string);
    loop.accepted.push({ task, branch, commit: before.commit });
    if (loop.status.get(task.id)?.status !== 'succeeded') loop.setStatus(task, 'succeeded', { branch, commit: before.commit });
    return true;
  }
  return FINAL.has(loop.status.get(task.id)?.status ?? 'queued');
}

function budgetLeft(loop: LoopState): string | undefined {
  // First: the lane's timer aborts `signal` too, and its reason is the one to report.
  if (loop.laneBudget && Date.now() >= loop.laneBudget.deadline) return loop.laneBudget.reason;
  if (loop.signal.aborted) return 'interrupted';
  if (Date.now() > loop.deadline) return `wall-time budget of ${loop.config.wallTimeSec} s reached (remediation.wallTimeSec)`;
  return budgetExhausted(loop.config, loop.attempts);
}

/** Outcomes that say the agent itself did not deliver (not that its work was judged wrong). */
const AGENT_FAILED = new Set<Attempt['outcome']>(['timeout', 'failed']);

/**
 * Attempts one task until an attempt is accepted or its attempts run out, each retry told why
 * the last one failed. Numbers and counts continue from `work.before` (a resumed run).
 */
export async function runTask(task: Task, work: TaskWork, loop: LoopState): Promise<void> {
  const cfg = loop.config;
  const max = task.type === 'systemic' ? cfg.maxAttempts + 1 : Math.min(task.retryPolicy.maxAttempts, cfg.maxAttempts);
  if (work.before.counted >= max) return loop.setStatus(task, 'abandoned', { reason: work.before.previous });
  loop.setStatus(task, 'running');
  let previous = work.before.previous;
  let agentIndex = 0;
  for (let n = work.before.nextN, counted = work.before.counted; counted < max; n++, counted++) {
    const exhausted = budgetLeft(loop);
    if (exhausted) {
      loop.stopReason ??= exhausted;
      return loop.setStatus(task, 'queued', { reason: exhausted });
    }
    const maxUsd = remainingUsd(cfg, loop.attempts, task.id);
    if (maxUsd === 0) return loop.setStatus(task, 'abandoned', { reason: `cost budget per task reached (remediation.maxCostUsdPerTask is $${cfg.maxCostUsdPerTask})` });
    const agent = work.agents[agentIndex] as AgentAdapter;
    loop.recorder.record('attempt.started', { task: task.id, attempt: n, agent: agent.id });
    const env = { ...work.env, agent, agentEnv: work.agentEnv(agent.id), ...(maxUsd !== undefined ? { budget: { maxUsd } } : {}) };
    const { attempt, commit, branch } = await attemptTask(task, n, work.findings, previous, env);
    loop.attempts.push(attempt);
    loop.recorder.record('attempt.finished', { task: task.id, attempt: n, outcome: attempt.outcome, reason: attempt.reason }, (tx) => tx.insertAttempt(loop.runId, attempt));
    if (attempt.outcome === 'accepted' && commit) {
      loop.accepted.push({ task, branch, commit });
      return loop.setStatus(task, 'succeeded', { branch, commit });
    }
    // Stopped by the run (interrupt, lane budget) rather than judged: the task waits, uncounted.
    if (attempt.outcome === 'interrupted' || loop.signal.aborted) {
      const why = budgetLeft(loop) ?? 'interrupted';
      if (why !== 'interrupted') loop.stopReason ??= why;
      return loop.setStatus(task, 'queued', { reason: why });
    }
    previous = `attempt ${n} was ${attempt.outcome}: ${attempt.reason}`;
    if (AGENT_FAILED.has(attempt.outcome) && agentIndex + 1 < work.agents.length) {
      agentIndex += 1;
      loop.recorder.record('agent.fallback', { task: task.id, from: agent.id, to: work.agents[agentIndex]?.id, after: attempt.outcome });
    }
  }
  loop.setStatus(task, 'abandoned', { reason: previous });
}
