import type { AgentRequest } from '../contract.js';
import { buildPrompt } from '../cli-agent/prompt.js';
import type { Invocation } from '../cli-agent/types.js';
import type { CursorAgentOptions } from './options.js';

/**
 * Linux caps one argv string at 128 KiB (MAX_ARG_STRLEN). Cursor documents the prompt as an
 * argument only, so a longer prompt is replaced by a pointer to the instructions file.
 */
export const MAX_PROMPT_ARG_CHARS = 100_000;

/**
 * The `cursor-agent -p` command line for one attempt. Pure. Built from Cursor's documentation
 * (the CLI is not installable here): print mode, one JSON result object, `--force` so edits are
 * applied rather than proposed, `--trust` so a fresh worktree does not wait for a trust prompt.
 */
export function buildInvocation(request: AgentRequest, options: CursorAgentOptions, paths: { attemptDir: string; instructionsPath: string }): Invocation {
  const full = buildPrompt(request, 'Cursor Agent');
  const prompt = full.length <= MAX_PROMPT_ARG_CHARS ? full : pointerPrompt(paths.instructionsPath);
  const argv = [
    options.bin,
    '--print',
    '--output-format', 'json',
    '--force',
    '--trust',
    '--workspace', request.worktree,
    ...(options.model ? ['--model', options.model] : []),
    ...options.extraArgs,
    prompt,
  ];
  return { argv, env: {} };
}

function pointerPrompt(instructionsPath: string): string {
  return [
    `Your task is in the file ${instructionsPath} (too long to pass on the command line). Read it first and follow it exactly.`,
    'End your final message with the result JSON object it asks for, on its own last line.',
  ].join('\n');
}
