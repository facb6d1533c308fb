import type { TaskType } from '../../core/index.js';
import type { AgentContext, AgentRequest, AgentResult } from '../contract.js';

/** A deterministic fixer: edits the worktree (`request.worktree`) with node:fs, no LLM. */
export type Fixer = (request: AgentRequest, ctx: AgentContext) => Promise<AgentResult>;

/** Changes nothing and says so: the default for every task type without a deterministic fix. */
export const noop: Fixer = async () => ({
  status: 'gave_up',
  summary: 'no deterministic fix for this task type',
  filesChanged: [],
});

/**
 * Fixers by task type. Planned: `remove_skip` (un-skip a stale skip), `quarantine` (mark a flaky
 * test), `lint_fix` (run the tool's own autofix). A type missing here falls back to `noop`.
 */
export const FIXERS: Partial<Record<TaskType, Fixer>> = {};
