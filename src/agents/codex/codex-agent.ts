import type { AgentContext, AgentRequest } from '../contract.js';
import { writeRequestFiles } from '../attempt-files.js';
import { runCliAgent } from '../cli-agent/run-cli-agent.js';
import type { CliAgentAdapter, CliAgentOutcome } from '../cli-agent/types.js';
import { buildInvocation, codexPaths, codexResultSchema } from './invocation.js';
import type { CodexOptions } from './options.js';
import { parseOutput } from './parse.js';

/**
 * The `codex` adapter: `codex exec` in a workspace-write sandbox on the task's worktree. Tokens
 * and turns come from the JSONL events; the result from the final message file.
 */
export function createCodexAgent(options: CodexOptions): CliAgentAdapter {
  return {
    id: 'codex',
    description: `Codex CLI (\`${options.bin} exec\`)${options.model ? ` with model ${options.model}` : ''}`,
    attempt: (request, ctx) => attemptWithCodex(options, request, ctx),
  };
}

async function attemptWithCodex(options: CodexOptions, request: AgentRequest, ctx: AgentContext): Promise<CliAgentOutcome> {
  await writeRequestFiles(ctx.attemptDir, request);
  const paths = codexPaths(ctx.attemptDir);
  const invocation = buildInvocation(request, options, paths);
  return runCliAgent(
    {
      id: 'codex',
      invocation,
      files: { [paths.schemaPath]: `${JSON.stringify(codexResultSchema(), null, 2)}\n` },
      lastMessagePath: paths.lastMessagePath,
      parse: parseOutput,
    },
    request,
    ctx,
  );
}
