import type { TaskType } from '../../core/index.js';
import type { AgentContext, AgentRequest, AgentResult } from '../contract.js';
import { autofix } from './autofix.js';
import { deleteTest } from './delete-test.js';
import { BuiltinOptions } from './options.js';
import { quarantineFixer } from './quarantine.js';
import { removeSkip } from './remove-skip.js';

/** A deterministic fixer: edits the worktree (`request.worktree`) with node:fs, no LLM. */
export type Fixer = (request: AgentRequest, ctx: AgentContext) => Promise<AgentResult>;

/** What the engine reports as the task's "waiting for an agent" reason: the exact setting to add. */
export function noFixSummary(type: TaskType): string {
  return `no deterministic fix for ${type} tasks; configure an agent: set agents.byTaskType.${type} (or agents.default) to claude-code, codex, cursor-agent or command`;
}

/** Changes nothing and says which setting would get the task an agent. */
export const noop: Fixer = async (request) => ({ status: 'gave_up', summary: noFixSummary(request.type), filesChanged: [] });

/**
 * The fixers by task type. A type without one runs the plugin's autofix when the request carries
 * it, else `noop`.
 */
export function createFixers(raw: Partial<BuiltinOptions> = {}): Partial<Record<TaskType, Fixer>> {
  const options = BuiltinOptions.parse(raw);
  return { remove_skip: removeSkip, quarantine: quarantineFixer(options.quarantineMarker), delete_test: deleteTest, lint_fix: autofix };
}

/** The fixers with default options. */
export const FIXERS: Partial<Record<TaskType, Fixer>> = createFixers();

/** The fixer for a request: its type's, else the plugin's autofix when there is one, else `noop`. */
export function pickFixer(fixers: Partial<Record<TaskType, Fixer>>, request: AgentRequest): Fixer {
  const own = fixers[request.type];
  if (own && (own !== autofix || request.autofix?.length)) return own;
  return request.autofix?.length ? autofix : noop;
}
