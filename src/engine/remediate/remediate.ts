import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import type { Attempt, Finding, Task } from '../../core/index.js';
import type { AtqosConfig } from '../../config/index.js';
import type { AgentAdapter } from '../../agents/contract.js';
import { noFixSummary } from '../../agents/index.js';
import type { Logger, Plugin } from '../../plugin/contract.js';
import type { RunRecorder } from '../../store/index.js';
import { buildGuards } from '../../guards/index.js';
import type { AttemptEnv } from './attempt-task.js';
import { pool, Semaphore, waves } from './schedule.js';
import { alreadyDone, runTask } from './run-task.js';
import type { AcceptedFix, LoopState, TaskWork } from './run-task.js';
import { testFileMatcher } from '../plan-tasks.js';
import type { PriorState } from '../resume/prior-state.js';
import { settlePrior } from './settle-prior.js';
import { knownFlakyTests } from './known-flaky.js';
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
  /** The environment of one agent's process: the tool allowlist plus that agent's own keys. */
  agentEnv: (agentId: string) => Readonly<Record<string, string>>;
  recorder: RunRecorder;
  signal: AbortSignal;
  log: Logger;
  /** `atqos resume`: what the stopped run had done. */
  prior?: PriorState;
  /**
   * The lane's time budget: no attempt starts past `deadline` and one still running then is
   * stopped (its task stays queued); the loop ends with `reason`, keeping what was accepted.
   */
  laneBudget?: { deadline: number; reason: string };
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
  accepted: AcceptedFix[];
  /** Why a task has its status, when it is not plain success (blocked, abandoned, waiting). */
  reasons: ReadonlyMap<string, string>;
  /** Why the loop stopped early, when it did. */
  stopReason?: string;
}

/** Task order, not finishing order: integration applies branches in this order. */
function sorted(accepted: RemediationResult['accepted'], tasks: readonly Task[]): RemediationResult['accepted'] {
  const order = new Map(tasks.map((t, i) => [t.id, i]));
  return [...accepted].sort((a, b) => (order.get(a.task.id) ?? 0) - (order.get(b.task.id) ?? 0));
}

/**
 * The task's agent, then the fallback chain, each once, only those the registry has and that can
 * do this task type at all (the builtin agent has no deterministic fix for most): attempting with
 * one that cannot would only burn the task's attempts.
 */
function agentsFor(task: Task, input: RemediationInput, hasAutofix: boolean): AgentAdapter[] {
  const { byTaskType, default: fallbackDefault, fallback } = input.config.agents;
  const ids = [...new Set([byTaskType[task.type] ?? fallbackDefault, ...fallback])];
  return ids.map((id) => input.agents.get(id)).filter((a): a is AgentAdapter => a !== undefined && (a.handles?.(task.type, hasAutofix) ?? true));
}

/**
 * Attempts each planned task with its agent, in dependency waves, retrying with the reason of the
 * last rejection, within the task, attempt and wall-time budgets. Every state change is recorded.
 */
export async function remediate(input: RemediationInput): Promise<RemediationResult> {
  const cfg = input.config.remediation;
  const selected = input.tasks.slice(0, cfg.maxTasks);
  const budgetNote = input.tasks.length > selected.length ? `task budget: ${selected.length} of ${input.tasks.length} tasks attempted (remediation.maxTasks)` : undefined;
  const attempts = attemptSignal(input);
  const loop: LoopState = {
    runId: input.runId, config: cfg, recorder: input.recorder, signal: attempts.signal, deadline: Date.now() + cfg.wallTimeSec * 1000,
    ...(input.laneBudget ? { laneBudget: input.laneBudget } : {}),
    status: new Map(input.tasks.map((t) => [t.id, t])), attempts: [], accepted: [], reasons: new Map(), ...(budgetNote ? { stopReason: budgetNote } : {}),
    setStatus(task, next, data = {}) {
      const branch = typeof data.branch === 'string' ? { branch: data.branch } : {};
      loop.status.set(task.id, { ...task, status: next, ...branch });
      if (typeof data.reason === 'string') loop.reasons.set(task.id, data.reason);
      else loop.reasons.delete(task.id);
      input.recorder.record(`task.${next}`, { task: task.id, ...data }, (tx) => tx.updateTask(task.id, { status: next, ...branch }));
    },
  };
  const worktreeRoot = fs.mkdtempSync(path.join(os.tmpdir(), `atqos-wt-${input.runId}-`));
  input.recorder.record('remediation.started', { dir: worktreeRoot, tasks: selected.length, resumed: !!input.prior });
  const settled = input.prior
    ? await settlePrior({ runId: input.runId, runDir: input.runDir, repoDir: input.repoDir, tasks: loop.status, recorder: input.recorder }, input.prior)
    : undefined;
  loop.attempts.push(...(settled?.attempts ?? []));
  const work = taskWork(input, worktreeRoot, new Semaphore(cfg.toolConcurrency), loop.signal);
  const runOne = async (task: Task) => {
    const before: SettledTask = settled?.tasks.get(task.id) ?? { counted: 0, nextN: 1 };
    if (alreadyDone(task, before, loop)) return;
    const blockedBy = task.dependsOn.filter((d) => loop.status.get(d)?.status !== 'succeeded');
    if (blockedBy.length) return loop.setStatus(task, 'blocked', { reason: `depends on unfinished task(s) ${blockedBy.join(', ')}` });
    const ready = work(task);
    if (typeof ready === 'string') return loop.setStatus(task, 'blocked', { reason: ready });
    await runTask(task, { ...ready, before }, loop);
  };
  try {
    for (const wave of waves(selected)) {
      if (loop.stopReason && loop.stopReason !== budgetNote) break;
      const acceptedBefore = loop.accepted.length;
      await pool(wave, cfg.agentConcurrency, runOne);
      if (input.afterWave && loop.accepted.length > acceptedBefore && !input.signal.aborted) {
        const stop = await input.afterWave(sorted(loop.accepted, input.tasks));
        if (stop) {
          loop.stopReason = stop;
          input.recorder.record('remediation.stopped', { reason: stop });
        }
      }
    }
  } finally {
    attempts.stop();
    fs.rmSync(worktreeRoot, { recursive: true, force: true });
  }
  const { stopReason } = loop;
  return { tasks: input.tasks.map((t) => loop.status.get(t.id) ?? t), attempts: loop.attempts, accepted: sorted(loop.accepted, input.tasks), reasons: loop.reasons, ...(stopReason ? { stopReason } : {}) };
}

/**
 * The attempts' signal: the run's interrupt, and the lane's budget when it has one. A plain timer
 * and controller, held here until `stop`: a bare AbortSignal.timeout inside AbortSignal.any can
 * be collected before it fires.
 */
function attemptSignal(input: RemediationInput): { signal: AbortSignal; stop: () => void } {
  if (!input.laneBudget) return { signal: input.signal, stop: () => undefined };
  const lane = new AbortController();
  const timer = setTimeout(() => lane.abort(new Error(input.laneBudget?.reason)), Math.max(0, input.laneBudget.deadline - Date.now()));
  return { signal: AbortSignal.any([input.signal, lane.signal]), stop: () => clearTimeout(timer) };
}

/** For each task: its agent and attempt environment, or why it cannot be attempted. */
function taskWork(input: RemediationInput, worktreeRoot: string, tools: Semaphore, signal: AbortSignal): (task: Task) => Omit<TaskWork, 'before'> | string {
  const byFp = new Map(input.findings.map((f) => [f.fingerprint, f]));
  const flakyTests = knownFlakyTests(input.findings);
  const baseInventories = new Map<string, { value?: Promise<string[] | undefined> }>();
  return (task) => {
    const owner = input.plugins.get(task.tool);
    if (!owner) return `plugin ${task.tool} is not part of this run`;
    const agents = agentsFor(task, input, owner.plugin.autofix?.(task.targets, owner.options) !== undefined);
    if (agents.length === 0) return `waiting for an agent: ${noFixSummary(task.type)}`;
    const inventory = baseInventories.get(owner.plugin.id) ?? {};
    baseInventories.set(owner.plugin.id, inventory);
    const env: Omit<AttemptEnv, 'agent' | 'agentEnv'> = {
      repoDir: input.repoDir, runDir: input.runDir, runId: input.runId, baseSha: input.baseSha, worktreeRoot,
      plugin: owner.plugin, pluginOptions: owner.options, config: input.config.remediation, toolEnv: input.toolEnv,
      guards: buildGuards({ pluginGuards: owner.plugin.guards ?? [], pluginProtected: owner.plugin.protectedPaths ?? [] }),
      isTestFile: testFileMatcher(owner.plugin, input.repoDir, owner.options),
      signal, log: input.log, toolSlot: (w) => tools.run(w), baseInventory: inventory, flakyTests,
    };
    return { agents, env, agentEnv: input.agentEnv, findings: task.findings.map((fp) => byFp.get(fp)).filter((f): f is Finding => f !== undefined) };
  };
}
