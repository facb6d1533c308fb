import type { AgentContext, AgentRequest } from '../contract.js';
import { writeRequestFiles } from '../attempt-files.js';
import { runCliAgent } from '../cli-agent/run-cli-agent.js';
import type { CliAgentAdapter, CliAgentOutcome } from '../cli-agent/types.js';
import { buildInvocation } from './invocation.js';
import type { ClaudeCodeOptions } from './options.js';
import { parseOutput } from './parse.js';

/**
 * The `claude-code` adapter: Claude Code in print mode (`claude -p`) in the task's worktree,
 * prompt on stdin, one JSON result object on stdout. Cost, tokens and turns come from that object.
 */
export function createClaudeCodeAgent(options: ClaudeCodeOptions): CliAgentAdapter {
  return {
    id: 'claude-code',
    description: `Claude Code (\`${options.bin} -p\`)${options.model ? ` with model ${options.model}` : ''}`,
    attempt: (request, ctx) => attemptWithClaude(options, request, ctx),
  };
}

async function attemptWithClaude(options: ClaudeCodeOptions, request: AgentRequest, ctx: AgentContext): Promise<CliAgentOutcome> {
  await writeRequestFiles(ctx.attemptDir, request);
  const invocation = buildInvocation(request, options, { attemptDir: ctx.attemptDir });
  return runCliAgent({ id: 'claude-code', invocation, parse: parseOutput }, request, ctx);
}
