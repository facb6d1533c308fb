import { z } from 'zod';
import { CommandSpec, Cost, TaskType } from '../core/index.js';
import type { ExecResult } from '../runner/types.js';
import type { Logger } from '../plugin/contract.js';

/** What an agent is asked to do: written as JSON for external agents (`request.json`). */
export const AgentRequest = z.object({
  schema: z.literal('atqos/agent-request@1'),
  runId: z.string(),
  taskId: z.string(),
  attempt: z.number().int().positive(),
  type: TaskType,
  title: z.string(),
  /**
   * Fingerprints of the findings the task resolves (copied from the task). The builtin
   * quarantine writes a reference to the first into its marker, for the Publisher to link.
   */
  findings: z.array(z.string()).optional(),
  /** What the task is about: repo-relative files and test node ids (copied from the task). */
  targets: z.object({ files: z.array(z.string()), nodeIds: z.array(z.string()) }),
  /** Markdown instructions built from the evidence; untrusted text is fenced as data. */
  instructions: z.string(),
  /** Absolute path of the task's git worktree: the agent's working directory. */
  worktree: z.string(),
  /** Repo-relative globs the agent may change; anything else is rejected by the guards. */
  allowedPaths: z.array(z.string()),
  /** Repo-relative globs the agent must not touch even if an allowed glob matches. */
  forbiddenPaths: z.array(z.string()),
  /** What ATQOS will run to judge the attempt (the agent may run them too). */
  validation: z.array(CommandSpec),
  /**
   * The owning plugin's own fixer (e.g. `ruff check --fix <files>`), when it declares one
   * (`Plugin.autofix`). The builtin agent runs it in the worktree; other agents may ignore it.
   */
  autofix: z.array(CommandSpec).optional(),
  timeoutMs: z.number().int().positive(),
  budget: z.object({ maxUsd: z.number().positive().optional(), maxTurns: z.number().int().positive().optional() }),
  /** Why the previous attempt was rejected, when this is a retry. */
  previousFailure: z.string().optional(),
  /** JSON Schema of the result the agent must print as the last line of stdout. */
  resultSchema: z.record(z.string(), z.unknown()),
});
export type AgentRequest = z.infer<typeof AgentRequest>;

/** What an agent says it did. Never trusted: the engine diffs and validates on its own. */
export const AgentResult = z.object({
  status: z.enum(['fixed', 'partial', 'gave_up', 'error']),
  summary: z.string().max(20_000),
  filesChanged: z.array(z.string()).default([]),
  notes: z.string().max(20_000).optional(),
  cost: Cost.optional(),
});
export type AgentResult = z.infer<typeof AgentResult>;

export interface AgentContext {
  /** Absolute directory for this attempt's artifacts (request.json, agent.stdout, …). */
  attemptDir: string;
  /** Environment for the agent process: an allowlist, plus the agent's own keys. */
  env: Readonly<Record<string, string>>;
  log: Logger;
  signal: AbortSignal;
}

/** How an agent process ended, as the engine records it. */
export interface AgentOutcome {
  /** Parsed result, when the agent printed a valid one. */
  result?: AgentResult;
  exec?: ExecResult;
  /** Why no valid result: timeout, crash, garbage output, … — a sentence saying what happened. */
  error?: string;
  cost: Cost;
}

/** A code agent backend. One folder per adapter under src/agents/<id>/. */
export interface AgentAdapter {
  id: string;
  description: string;
  /**
   * Whether this agent can do a task type at all (`hasAutofix`: the plugin offers its own fixer).
   * Absent: any type. Routing skips an agent that cannot, instead of burning attempts on it.
   */
  handles?(type: TaskType, hasAutofix: boolean): boolean;
  attempt(request: AgentRequest, ctx: AgentContext): Promise<AgentOutcome>;
}
