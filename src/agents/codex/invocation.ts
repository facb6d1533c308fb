import path from 'node:path';
import { AgentResult } from '../contract.js';
import type { AgentRequest } from '../contract.js';
import { buildPrompt } from '../cli-agent/prompt.js';
import type { Invocation } from '../cli-agent/types.js';
import type { CodexOptions } from './options.js';

/** Where the adapter puts codex's side files inside the attempt directory. */
export function codexPaths(attemptDir: string): { attemptDir: string; schemaPath: string; lastMessagePath: string } {
  return {
    attemptDir,
    schemaPath: path.join(attemptDir, 'codex-output-schema.json'),
    lastMessagePath: path.join(attemptDir, 'codex-last-message.txt'),
  };
}

/**
 * The schema given to `--output-schema`. Codex sends it as a strict structured-output format, and
 * strict mode wants every property required and no extra ones, so this is AgentResult's shape made
 * strict (`notes` may be ""; `cost` is measured by ATQOS, not reported by the agent).
 */
export function codexResultSchema(): Record<string, unknown> {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['status', 'summary', 'filesChanged', 'notes'],
    properties: {
      status: { type: 'string', enum: [...AgentResult.shape.status.options] },
      summary: { type: 'string' },
      filesChanged: { type: 'array', items: { type: 'string' } },
      notes: { type: 'string' },
    },
  };
}

/**
 * The `codex exec` command line for one attempt. Pure. Workspace-write sandbox rooted at the
 * worktree (no network inside it by default), events as JSONL on stdout, the final message
 * constrained by the output schema and copied to a file; the prompt goes on stdin (`-`).
 */
export function buildInvocation(
  request: AgentRequest,
  options: CodexOptions,
  paths: { attemptDir: string; schemaPath: string; lastMessagePath: string },
): Invocation {
  const argv = [
    options.bin,
    'exec',
    '--json',
    '--sandbox', 'workspace-write',
    '--cd', request.worktree,
    '--output-schema', paths.schemaPath,
    '--output-last-message', paths.lastMessagePath,
    ...(options.model ? ['--model', options.model] : []),
    ...options.extraArgs,
    '-',
  ];
  return { argv, env: {}, stdin: buildPrompt(request, 'Codex') };
}
