import fs from 'node:fs';
import path from 'node:path';
import { crashPoint, describeError } from '../../core/index.js';
import type { Attempt, AttemptOutcome, Finding, GuardVerdict, Task } from '../../core/index.js';
import type { AgentAdapter, AgentOutcome, AgentRequest } from '../../agents/contract.js';
import { buildInstructions, agentResultJsonSchema } from '../../agents/index.js';
import type { Guard } from '../../guards/contract.js';
import { runGuards } from '../../guards/index.js';
import type { RemediationConfig } from '../../config/index.js';
import type { Logger, Plugin } from '../../plugin/contract.js';
import { commitAttempt, createTaskWorktree, diffWorktree, git, linkDependencyDirs, readManyAtBase, removeTaskWorktree, taskBranchName } from '../../git/index.js';
import { validateAttempt } from './validate-attempt.js';
import { scrubText } from '../../secrets/index.js';
import { listInventory } from './list-inventory.js';

export interface AttemptEnv {
  repoDir: string;
  runDir: string;
  runId: string;
  baseSha: string;
  worktreeRoot: string;
  plugin: Plugin;
  pluginOptions: unknown;
  agent: AgentAdapter;
  guards: readonly Guard[];
  /** The owning plugin's test files in this repo. */
  isTestFile: (path: string) => boolean;
  config: RemediationConfig;
  toolEnv: Readonly<Record<string, string>>;
  agentEnv: Readonly<Record<string, string>>;
  signal: AbortSignal;
  log: Logger;
  /** What this attempt may still spend (what is left of the task's and the run's budgets). */
  budget?: { maxUsd?: number };
  /** Runs a tool (validation, inventory) within the run's tool-concurrency limit. */
  toolSlot: <T>(work: () => Promise<T>) => Promise<T>;
  /** Test ids collected at the base commit, listed once per run by the first attempt. */
  baseInventory: { value?: Promise<string[] | undefined> };
  /**
   * Test ids the run found flaky. Attempts start from the run's base, where those tests still
   * flip even after their quarantine was accepted, so validations are told about them.
   */
  flakyTests?: readonly string[];
}

export interface AttemptRun {
  attempt: Attempt;
  branch: string;
  /** The commit on the task branch, when accepted. */
  commit?: string;
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, scrubText(`${JSON.stringify(value, null, 2)}\n`));
}

/** Puts the base version of the task's target test files back: a `fix` must pass the tests as they were. */
function restoreTargetTests(task: Task, worktree: string, atBase: ReadonlyMap<string, string | undefined>): string[] {
  if (task.type !== 'fix') return [];
  const restored: string[] = [];
  for (const file of task.targets.files) {
    const base = atBase.get(file);
    const abs = path.join(worktree, file);
    const now = fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8') : undefined;
    if (base === undefined || base === now) continue;
    fs.writeFileSync(abs, base);
    restored.push(file);
  }
  return restored;
}

function request(task: Task, n: number, findings: Finding[], previousFailure: string | undefined, worktree: string, env: AttemptEnv): AgentRequest {
  const validation = env.plugin.validation(task.targets, env.pluginOptions, task.type, { flakyTests: env.flakyTests ?? [] }).commands;
  const autofix = env.plugin.autofix?.(task.targets, env.pluginOptions);
  const forbiddenPaths = ['.git/**', '.github/workflows/**', '.github/atqos.yml'];
  return {
    schema: 'atqos/agent-request@1',
    runId: env.runId, taskId: task.id, attempt: n, type: task.type, title: task.title, findings: task.findings,
    instructions: buildInstructions({ task, findings, previousFailure, validation, allowedPaths: task.allowedPaths, forbiddenPaths }),
    worktree, allowedPaths: task.allowedPaths, forbiddenPaths, validation,
    targets: task.targets,
    timeoutMs: Math.round(env.config.attemptTimeoutSec * 1000),
    budget: {
      ...(env.budget?.maxUsd !== undefined ? { maxUsd: env.budget.maxUsd } : {}),
      ...(env.config.maxTurns !== undefined ? { maxTurns: env.config.maxTurns } : {}),
    },
    ...(previousFailure ? { previousFailure } : {}),
    resultSchema: agentResultJsonSchema(),
    ...(autofix ? { autofix: [autofix] } : {}),
  };
}

function outcomeOf(agent: AgentOutcome): { outcome: AttemptOutcome; reason: string } | undefined {
  if (agent.exec?.timedOut) return { outcome: 'timeout', reason: agent.error ?? 'the agent timed out' };
  if (agent.exec?.aborted) return { outcome: 'interrupted', reason: 'the run was interrupted during the attempt' };
  return undefined;
}

/**
 * One agent try at a task in its own worktree: agent → diff → guards → validation → commit.
 * The agent's word counts for nothing: only the diff, the guards and the validation decide.
 * Every artifact stays in `tasks/<task>/attempt-<n>/`; nothing rejected is ever committed.
 */
export async function attemptTask(task: Task, n: number, findings: Finding[], previousFailure: string | undefined, env: AttemptEnv): Promise<AttemptRun> {
  const dir = path.join(env.runDir, 'tasks', task.id, `attempt-${n}`);
  fs.mkdirSync(dir, { recursive: true });
  const worktree = path.join(env.worktreeRoot, `${task.id}-${n}`);
  const branch = taskBranchName(task.type, task.findings[0] as string);
  // Work happens on a detached HEAD; only an accepted commit moves the stable task branch.
  const gitLog = { logDir: path.join(dir, 'git') };
  const attempt: Attempt = {
    id: `${task.id}-a${n}`, taskId: task.id, n, agent: env.agent.id, startedAt: new Date().toISOString(),
    diffStat: { files: 0, insertions: 0, deletions: 0 }, guards: [], cost: {},
  };
  const done = (outcome: AttemptOutcome, reason: string, commit?: string): AttemptRun => {
    attempt.outcome = outcome;
    attempt.reason = reason;
    attempt.finishedAt = new Date().toISOString();
    writeJson(path.join(dir, 'attempt.json'), attempt);
    return { attempt, branch, ...(commit ? { commit } : {}) };
  };
  try {
    await createTaskWorktree({ repo: env.repoDir, baseSha: env.baseSha, dir: worktree }, gitLog);
    const linked = linkDependencyDirs(env.repoDir, worktree);
    crashPoint('attempt.worktree-created');
    // The base inventory is the same for every task: list it once, in the first fresh worktree.
    env.baseInventory.value ??= env.toolSlot(() => listInventory(env.plugin, env.pluginOptions, worktree, path.join(env.runDir, 'inventory-base'), env.toolEnv, env.signal));
    const inventoryBefore = await env.baseInventory.value;
    const req = request(task, n, findings, previousFailure, worktree, env);
    const agent = await env.agent.attempt(req, { attemptDir: dir, env: env.agentEnv, log: env.log, signal: env.signal });
    attempt.cost = agent.cost;
    crashPoint('attempt.agent-finished');
    const stopped = outcomeOf(agent);
    if (stopped) return done(stopped.outcome, stopped.reason);
    const diff = await diffWorktree(worktree, env.baseSha, {}, linked);
    // Scrubbed as an artifact only: the guards and validation read the worktree itself.
    fs.writeFileSync(path.join(dir, 'diff.patch'), scrubText(diff.patch));
    attempt.diffStat = {
      files: diff.changes.length,
      insertions: diff.changes.reduce((s, c) => s + c.insertions, 0),
      deletions: diff.changes.reduce((s, c) => s + c.deletions, 0),
    };
    if (diff.changes.length === 0) {
      return done('failed', agent.error ?? `the agent changed nothing${agent.result ? ` (it said: ${agent.result.status}: ${agent.result.summary.slice(0, 300)})` : ''}`);
    }
    const inventoryAfter = inventoryBefore ? await env.toolSlot(() => listInventory(env.plugin, env.pluginOptions, worktree, dir, env.toolEnv, env.signal)) : undefined;
    const touched = diff.changes.flatMap((c) => (c.oldPath ? [c.path, c.oldPath] : [c.path]));
    // One read for the guards and for restoring the target tests later.
    const base = await readManyAtBase(env.repoDir, env.baseSha, [...touched, ...(task.type === 'fix' ? task.targets.files : [])]);
    attempt.guards = runGuards(env.guards, {
      task, changes: diff.changes, isTestFile: env.isTestFile,
      readBase: (p) => base.get(p),
      readAfter: (p) => (fs.existsSync(path.join(worktree, p)) ? fs.readFileSync(path.join(worktree, p), 'utf8') : undefined),
      limits: { maxChangedLines: env.config.maxChangedLines, maxChangedFiles: env.config.maxChangedFiles },
      ...(inventoryBefore ? { inventoryBefore } : {}),
      ...(inventoryBefore && inventoryAfter ? { inventoryAfter } : {}),
    });
    writeJson(path.join(dir, 'guards.json'), attempt.guards);
    const failed = attempt.guards.filter((g: GuardVerdict) => !g.passed);
    if (failed.length) return done('rejected', failed.map((g) => `guard ${g.guard}: ${g.evidence ?? 'failed'}`).join('\n'));
    const restored = restoreTargetTests(task, worktree, base);
    const spec = env.plugin.validation(task.targets, env.pluginOptions, task.type, { flakyTests: env.flakyTests ?? [] });
    const repeat = spec.repeatsItself ? spec.repeat : Math.max(spec.repeat, env.config.validationRepeat);
    const validated = await env.toolSlot(() => validateAttempt({
      spec, repeat, worktree, outDir: path.join(dir, 'validation'),
      runDir: env.runDir, env: env.toolEnv, signal: env.signal, targets: task.targets.nodeIds,
      impact: {
        plugin: env.plugin, pluginOptions: env.pluginOptions, repoDir: env.repoDir, baseSha: env.baseSha, changedFiles: touched, log: env.log,
        flakyTests: env.flakyTests ?? [], ...(inventoryBefore ? { baseTests: inventoryBefore } : {}),
      },
    }));
    // What ran, for the fix PR: the plan's task has neither these commands nor this repeat.
    attempt.validation = { ...validated, commands: spec.commands, repeat };
    if (!attempt.validation.ok) {
      const note = restored.length ? ` (validated against the base version of ${restored.join(', ')}: edits to the failing tests do not count as a fix)` : '';
      return done('rejected', `validation: ${attempt.validation.reason ?? 'failed'}${note}`);
    }
    const commit = await commitAttempt(worktree, {
      subject: `fix(atqos): ${task.title}`.slice(0, 200),
      body: `${agent.result?.summary ?? ''}\n\nValidated by ATQOS: ${spec.commands.map((c) => c.argv.join(' ')).join('; ')} (${repeat}× in a row).`,
      trailers: { 'ATQOS-Run': env.runId, 'ATQOS-Task': task.id, 'ATQOS-Finding': task.findings.join(', '), 'ATQOS-Agent': env.agent.id, 'ATQOS-Attempt': String(n) },
    }, gitLog, touched);
    crashPoint('attempt.committed');
    await git(['branch', '--force', branch, commit], { ...gitLog, cwd: env.repoDir, hint: `the branch ${branch} may be checked out in your working tree; switch away from it and rerun` });
    crashPoint('attempt.branched');
    const what = task.targets.nodeIds.length ? `${task.targets.nodeIds.length} target test(s)` : task.targets.files.join(', ') || 'the task';
    return done('accepted', `validated ${what} ${repeat}× on branch ${branch}`, commit);
  } catch (err) {
    env.log.warn({ task: task.id, attempt: n, error: describeError(err) }, 'attempt failed');
    return done('failed', `ATQOS could not complete the attempt: ${describeError(err)}`);
  } finally {
    await removeTaskWorktree(env.repoDir, worktree, gitLog).catch(() => undefined);
  }
}
