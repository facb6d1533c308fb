import { describeError } from '../../core/index.js';
import type { AgentAdapter, AgentContext, AgentOutcome, AgentRequest } from '../contract.js';
import { writeRequestFiles, writeResultFile } from '../attempt-files.js';
import { FIXERS, noop } from './fixers.js';
import type { Fixer } from './fixers.js';

/**
 * The `builtin` adapter: deterministic fixers chosen by task type, run in-process on the
 * worktree. A fixer that throws becomes an outcome error, like a crashed external agent.
 */
export function createBuiltinAgent(fixers: Partial<Record<AgentRequest['type'], Fixer>> = FIXERS): AgentAdapter {
  return {
    id: 'builtin',
    description: 'deterministic fixes without an LLM (default: no-op that gives up)',
    attempt: (request, ctx) => attemptBuiltin(fixers[request.type] ?? noop, request, ctx),
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
