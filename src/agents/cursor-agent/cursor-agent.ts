import path from 'node:path';
import type { AgentContext, AgentRequest } from '../contract.js';
import { ATTEMPT_FILES, writeRequestFiles } from '../attempt-files.js';
import { runCliAgent } from '../cli-agent/run-cli-agent.js';
import type { CliAgentAdapter, CliAgentOutcome } from '../cli-agent/types.js';
import { buildInvocation } from './invocation.js';
import type { CursorAgentOptions } from './options.js';
import { parseOutput } from './parse.js';

/**
 * The `cursor-agent` adapter: Cursor's CLI in print mode on the task's worktree. Cursor reports
 * no cost or tokens, so only the time (`exec.durationMs`) is recorded.
 */
export function createCursorAgent(options: CursorAgentOptions): CliAgentAdapter {
  return {
    id: 'cursor-agent',
    description: `Cursor Agent (\`${options.bin} -p\`)${options.model ? ` with model ${options.model}` : ''}`,
    attempt: (request, ctx) => attemptWithCursor(options, request, ctx),
  };
}

async function attemptWithCursor(options: CursorAgentOptions, request: AgentRequest, ctx: AgentContext): Promise<CliAgentOutcome> {
  await writeRequestFiles(ctx.attemptDir, request);
  const instructionsPath = path.join(ctx.attemptDir, ATTEMPT_FILES.instructions);
  const invocation = buildInvocation(request, options, { attemptDir: ctx.attemptDir, instructionsPath });
  return runCliAgent({ id: 'cursor-agent', invocation, parse: parseOutput }, request, ctx);
}
