import { describeError } from '../../core/index.js';
import type { TaskType } from '../../core/index.js';
import type { AgentAdapter, AgentContext, AgentOutcome, AgentRequest } from '../contract.js';
import { writeRequestFiles, writeResultFile } from '../attempt-files.js';
import { createFixers, pickFixer } from './fixers.js';
import type { Fixer } from './fixers.js';
import type { BuiltinOptions } from './options.js';

export interface BuiltinAgentOptions extends Partial<BuiltinOptions> {
  /** Replaces the fixers for the types given (tests, embedders). */
  fixers?: Partial<Record<TaskType, Fixer>>;
}

/**
 * The `builtin` adapter: deterministic fixers chosen by task type, run in-process on the
 * worktree (remove a skip, quarantine a test, delete a long-quarantined obsolete test, run the
 * plugin's autofix). A fixer that throws
 * becomes an outcome error, like a crashed external agent. Throws on invalid options.
 */
export function createBuiltinAgent(options: BuiltinAgentOptions = {}): AgentAdapter {
  const { fixers: overrides, ...rest } = options;
  const fixers = { ...createFixers(rest), ...overrides };
  return {
    id: 'builtin',
    description: 'deterministic fixes without an LLM: remove a stale skip, quarantine a flaky or obsolete test, delete a long-quarantined obsolete test, run a tool autofix',
    handles: (type, hasAutofix) => hasAutofix || (type !== 'lint_fix' && fixers[type] !== undefined),
    attempt: (request, ctx) => attemptBuiltin(pickFixer(fixers, request), request, ctx),
  };
}

async function attemptBuiltin(fixer: Fixer, request: AgentRequest, ctx: AgentContext): Promise<AgentOutcome> {
  await writeRequestFiles(ctx.attemptDir, request);
  let outcome: AgentOutcome;
  try {
    const result = await fixer(request, ctx);
    outcome = { result, cost: result.cost ?? {} };
  } catch (err) {
    outcome = { error: `the builtin fixer for ${request.type} tasks failed: ${describeError(err)}`, cost: {} };
  }
  await writeResultFile(ctx.attemptDir, outcome.result ?? { error: outcome.error });
  return outcome;
}
