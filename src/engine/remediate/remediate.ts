import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import type { Attempt, Finding, Task } from '../../core/index.js';
import type { AtqosConfig } from '../../config/index.js';
import type { AgentAdapter } from '../../agents/contract.js';
import type { Logger, Plugin } from '../../plugin/contract.js';
import type { RunRecorder } from '../../store/index.js';
import { buildGuards } from '../../guards/index.js';
import { taskBranchName } from '../../git/index.js';
import { attemptTask } from './attempt-task.js';
import type { AttemptEnv } from './attempt-task.js';
import { pool, Semaphore, waves } from './schedule.js';
import { budgetExhausted } from './budgets.js';
import { testFileMatcher } from '../plan-tasks.js';
import type { PriorState } from '../resume/prior-state.js';
import { settlePrior } from './settle-prior.js';
import type { SettledTask } from './settle-prior.js';

export interface RemediationInput {
  runId: string;
  runDir: string;
  repoDir: string;
  baseSha: string;
  config: AtqosConfig;
  tasks: Task[];
  findings: Finding[];
  plugins: ReadonlyMap<string, { plugin: Plugin; options: unknown }>;
  agents: ReadonlyMap<string, AgentAdapter>;
  toolEnv: Readonly<Record<string, string>>;
  agentEnv: Readonly<Record<string, string>>;
  recorder: RunRecorder;
  signal: AbortSignal;
  log: Logger;
  /** `atqos resume`: what the stopped run had done. */
  prior?: PriorState;
  /**
   * Called after each wave that accepted something, with everything accepted so far (a
   * checkpoint); a returned reason stops the loop before the next wave.
   */
  afterWave?: (accepted: RemediationResult['accepted']) => Promise<string | undefined>;
}

export interface RemediationResult {
  tasks: Task[];
  attempts: Attempt[];
  /** Task branch → its validated commit, in task order. */
  accepted: { task: Task; branch: string; commit: string }[];
  /** Why the loop stopped early, when it did. */
  stopReason?: string;
}

/** Task order, not finishing order: integration applies branches in this order. */
function sorted(accepted: RemediationResult['accepted'], tasks: readonly Task[]): RemediationResult['accepted'] {
  const order = new Map(tasks.map((t, i) => [t.id, i]));
  return [...accepted].sort((a, b) => (order.get(a.task.id) ?? 0) - (order.get(b.task.id) ?? 0));
}

const FINAL = new Set<Task['status']>(['succeeded', 'abandoned', 'blocked']);

function agentFor(task: Task, input: RemediationInput): AgentAdapter | undefined {
  const id = input.config.agents.byTaskType[task.type] ?? input.config.agents.default;
  return input.agents.get(id);
}

/**
 * Attempts each planned task with its agent, in dependency waves, retrying with the reason of the
 * last rejection, within the task, attempt and wall-time budgets. Every state change is recorded.
 */
export async function remediate(input: RemediationInput): Promise<RemediationResult> {
  const cfg = input.config.remediation;
  const deadline = Date.now() + cfg.wallTimeSec * 1000;
  const byFp = new Map(input.findings.map((f) => [f.fingerprint, f]));
  const selected = input.tasks.slice(0, cfg.maxTasks);
  const status = new Map<string, Task>(input.tasks.map((t) => [t.id, t]));
  const attempts: Attempt[] = [];
  const accepted: RemediationResult['accepted'] = [];
  const budgetNote = input.tasks.length > selected.length ? `task budget: ${selected.length} of ${input.tasks.length} tasks attempted (remediation.maxTasks)` : undefined;
  let stopReason = budgetNote;
  const baseInventories = new Map<string, { value?: Promise<string[] | undefined> }>();
  const worktreeRoot = fs.mkdtempSync(path.join(os.tmpdir(), `atqos-wt-${input.runId}-`));
  input.recorder.record('remediation.started', { dir: worktreeRoot, tasks: selected.length, resumed: !!input.prior });
  const settled = input.prior
    ? await settlePrior({ runId: input.runId, runDir: input.runDir, repoDir: input.repoDir, tasks: status, recorder: input.recorder }, input.prior)
    : undefined;
  attempts.push(...(settled?.attempts ?? []));
  const setStatus = (task: Task, next: Task['status'], data: Record<string, unknown> = {}) => {
    const updated = { ...task, status: next, ...(data.branch ? { branch: data.branch as string } : {}) };
    status.set(task.id, updated);
    input.recorder.record(`task.${next}`, { task: task.id, ...data }, (tx) => tx.updateTask(task.id, { status: next, ...(data.branch ? { branch: data.branch as string } : {}) }));
    return updated;
  };
  const runOne = async (task: Task) => {
    const before: SettledTask = settled?.tasks.get(task.id) ?? { counted: 0, nextN: 1 };
    if (before.commit) {
      accepted.push({ task, branch: taskBranchName(task.type, task.findings[0] as string), commit: before.commit });
      if (status.get(task.id)?.status !== 'succeeded') setStatus(task, 'succeeded', { branch: taskBranchName(task.type, task.findings[0] as string), commit: before.commit });
      return;
    }
    if (FINAL.has(status.get(task.id)?.status ?? 'queued')) return;
    const blockedBy = task.dependsOn.filter((d) => status.get(d)?.status !== 'succeeded');
    if (blockedBy.length) return void setStatus(task, 'blocked', { reason: `depends on unfinished task(s) ${blockedBy.join(', ')}` });
    const owner = input.plugins.get(task.tool);
    const agent = agentFor(task, input);
    if (!owner || !agent) return void setStatus(task, 'blocked', { reason: owner ? `no agent configured for ${task.type} tasks (agents.byTaskType / agents.default)` : `plugin ${task.tool} is not part of this run` });
    const env: AttemptEnv = {
      repoDir: input.repoDir, runDir: input.runDir, runId: input.runId, baseSha: input.baseSha, worktreeRoot,
      plugin: owner.plugin, pluginOptions: owner.options, agent, config: cfg, toolEnv: input.toolEnv, agentEnv: input.agentEnv,
      guards: buildGuards({ pluginGuards: owner.plugin.guards ?? [], pluginProtected: owner.plugin.protectedPaths ?? [] }),
      isTestFile: testFileMatcher(owner.plugin, input.repoDir, owner.options),
      signal: input.signal, log: input.log, toolSlot: (work) => tools.run(work),
      baseInventory: baseInventories.get(owner.plugin.id) ?? baseInventories.set(owner.plugin.id, {}).get(owner.plugin.id)!,
    };
    const findings = task.findings.map((fp) => byFp.get(fp)).filter((f): f is Finding => f !== undefined);
    const max = task.type === 'systemic' ? cfg.maxAttempts + 1 : Math.min(task.retryPolicy.maxAttempts, cfg.maxAttempts);
    if (before.counted >= max) return void setStatus(task, 'abandoned', { reason: before.previous });
    setStatus(task, 'running');
    let previous = before.previous;
    for (let n = before.nextN, counted = before.counted; counted < max; n++, counted++) {
      const exhausted = input.signal.aborted ? 'interrupted' : Date.now() > deadline ? `wall-time budget of ${cfg.wallTimeSec} s reached (remediation.wallTimeSec)` : budgetExhausted(cfg, attempts);
      if (exhausted) {
        stopReason ??= exhausted;
        return void setStatus(task, 'queued', { reason: exhausted });
      }
      input.recorder.record('attempt.started', { task: task.id, attempt: n, agent: agent.id });
      const { attempt, commit, branch } = await attemptTask(task, n, findings, previous, env);
      attempts.push(attempt);
      input.recorder.record('attempt.finished', { task: task.id, attempt: n, outcome: attempt.outcome, reason: attempt.reason }, (tx) => tx.insertAttempt(input.runId, attempt));
      if (attempt.outcome === 'accepted' && commit) {
        accepted.push({ task, branch, commit });
        return void setStatus(task, 'succeeded', { branch, commit });
      }
      if (attempt.outcome === 'interrupted') return void setStatus(task, 'queued', { reason: 'interrupted' });
      previous = `attempt ${n} was ${attempt.outcome}: ${attempt.reason}`;
    }
    setStatus(task, 'abandoned', { reason: previous });
  };
  const tools = new Semaphore(cfg.toolConcurrency);
  try {
    for (const wave of waves(selected)) {
      if (stopReason && stopReason !== budgetNote) break;
      const acceptedBefore = accepted.length;
      await pool(wave, cfg.agentConcurrency, runOne);
      if (input.afterWave && accepted.length > acceptedBefore && !input.signal.aborted) {
        const stop = await input.afterWave(sorted(accepted, input.tasks));
        if (stop) {
          stopReason = stop;
          input.recorder.record('remediation.stopped', { reason: stop });
        }
      }
    }
  } finally {
    fs.rmSync(worktreeRoot, { recursive: true, force: true });
  }
  return { tasks: input.tasks.map((t) => status.get(t.id) ?? t), attempts, accepted: sorted(accepted, input.tasks), ...(stopReason ? { stopReason } : {}) };
}
