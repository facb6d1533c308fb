import type { AgentsConfig } from '../../config/index.js';
import { agentAllowEnv, createAgentRegistry, getAgent } from '../../agents/index.js';
import { buildToolEnv } from '../../runner/index.js';
import type { RemediateHook } from '../prepare-run.js';
import { pluginContext } from '../plugin-context.js';
import { checkpoint } from './checkpoint.js';
import type { CheckpointResult } from './checkpoint.js';
import { stopAfterCheckpoint } from './stop-rules.js';
import { remediate } from './remediate.js';
import type { RemediationResult } from './remediate.js';
import { durationBetween, rollUpCost, rollUpCoverageGains, runsPassed } from '../../reports/index.js';

/** Every agent the config routes tasks to exists; throws AtqosError naming the key otherwise. */
export function checkAgentRouting(agents: AgentsConfig, repoDir: string): void {
  const registry = createAgentRegistry(agents, { repoDir });
  getAgent(registry, agents.default, 'agents.default');
  for (const [type, id] of Object.entries(agents.byTaskType)) getAgent(registry, id, `agents.byTaskType.${type}`);
  agents.fallback.forEach((id, i) => getAgent(registry, id, `agents.fallback[${i}]`));
}

/**
 * The `atqos run` phase after planning: attempt tasks, integrate what was validated, and prove
 * it with a checkpoint. Agents get the tool environment plus only the keys listed for them.
 */
export function remediationHook(parentEnv: NodeJS.ProcessEnv = process.env): RemediateHook {
  return async ({ prepared: p, recorder, baseSha, tasks, findings, prior }) => {
    const agents = createAgentRegistry(p.config.agents, { repoDir: p.repoDir });
    if (!baseSha) {
      const why = 'atqos run needs a git repository with at least one commit (fixes are made on branches from it): run `git init && git add -A && git commit -m init`';
      recorder.record('remediation.skipped', { reason: why });
      return { tasks, report: { skipped: why } };
    }
    const agentEnvs = new Map<string, Record<string, string>>();
    const agentEnv = (id: string) => agentEnvs.get(id) ?? agentEnvs.set(id, buildToolEnv(parentEnv, { allow: [...p.config.env.allow, ...agentAllowEnv(p.config.agents, id)], set: p.config.env.set })).get(id)!;
    const plugins = new Map(p.selected.map((s) => [s.plugin.id, s]));
    const checkpoints: CheckpointResult[] = [];
    const afterWave = async (accepted: { branch: string }[]): Promise<string | undefined> => {
      const branches = accepted.map((a) => a.branch);
      // A resumed run whose checkpoint had finished over the same branches keeps its result.
      const kept = prior?.checkpoint && sameList(prior.checkpoint.branches, branches) ? (prior.checkpoint.result as unknown as CheckpointResult) : undefined;
      const cp = kept ?? await checkpoint({
        repoDir: p.repoDir, runDir: p.runDir, runId: p.runId, baseSha, branches,
        selected: p.selected, baseline: findings, env: p.env, maxOutputBytes: p.config.runs.maxOutputBytes, signal: p.interrupt, log: p.log,
        plugins: pluginContext(p),
        started: (dir) => recorder.record('checkpoint.started', { dir, branches }),
      });
      if (!kept) recorder.record('checkpoint.finished', { ...cp, branches });
      checkpoints.push(cp);
      return stopAfterCheckpoint(checkpoints);
    };
    const result = await remediate({
      runId: p.runId, runDir: p.runDir, repoDir: p.repoDir, baseSha, config: p.config, tasks, findings, plugins, agents,
      toolEnv: p.env, agentEnv, recorder, signal: p.interrupt, log: p.log, afterWave, ...(prior ? { prior } : {}),
      // Remediation ends itself at the lane's budget: what was accepted and checkpointed is kept.
      ...(p.laneDeadline ? { laneBudget: { deadline: p.laneDeadline, reason: `lane time budget reached (lanes.${p.lane}.timeoutSec is ${p.timeoutMs / 1000} s)` } } : {}),
    });
    const cp = checkpoints.at(-1);
    const stopReason = result.stopReason;
    recorder.record('remediation.finished', {
      reason: stopReason ?? null, accepted: result.accepted.length, checkpoints: checkpoints.length,
      tasks: result.tasks.length, attempts: result.attempts.length,
    });
    return { tasks: result.tasks, report: remediationReport(result, checkpoints), withinLaneBudget: true, ...(cp?.trustworthy ? { failingAfter: cp.failingAfter } : {}) };
  };
}

/** The remediation section of reports and `--json`: tasks, attempts, cost, fixes, last checkpoint. */
export function remediationReport(result: RemediationResult, checkpoints: readonly CheckpointResult[]): Record<string, unknown> {
  const cp = checkpoints.at(-1);
  return {
    tasks: result.tasks.map((t) => ({ id: t.id, type: t.type, title: t.title, status: t.status, branch: t.branch ?? null, reason: result.reasons.get(t.id) ?? null })),
    attempts: result.attempts.map((a) => ({
      task: a.taskId, n: a.n, agent: a.agent, outcome: a.outcome, reason: a.reason, diffStat: a.diffStat, guardsFailed: a.guards.filter((g) => !g.passed).map((g) => g.guard),
      cost: a.cost, durationMs: durationBetween(a.startedAt, a.finishedAt) ?? null,
      validation: a.validation ? { ok: a.validation.ok, runs: runsPassed(a.validation), details: a.validation.details ?? null } : null,
    })),
    cost: rollUpCost(result.attempts),
    coverageGains: rollUpCoverageGains(result.tasks, result.attempts),
    accepted: result.accepted.map((a) => ({ task: a.task.id, branch: a.branch, commit: a.commit })),
    checkpoint: cp ?? null,
    checkpoints: checkpoints.length,
    stopReason: result.stopReason ?? null,
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
