import type { AgentRequest } from '../contract.js';
import { buildPrompt } from '../cli-agent/prompt.js';
import type { Invocation } from '../cli-agent/types.js';
import type { ClaudeCodeOptions } from './options.js';

/** Built-in tools a fix needs; everything else is not even loaded (`--tools`). */
export const FIX_TOOLS = ['Read', 'Edit', 'Write', 'Glob', 'Grep', 'Bash'] as const;
/** Denied outright, even if a user or project setting allows them. */
export const DENIED_TOOLS = ['WebFetch', 'WebSearch'] as const;

// An argv token that reads the same inside a `Bash(...)` permission rule as in a shell.
const PLAIN_TOKEN = /^[\w@%+=:./-]+$/;

/**
 * The `claude -p` command line for one attempt. Pure. The prompt goes on stdin (print mode reads
 * it there when no prompt argument is given), so it is neither visible in `ps` nor limited by the
 * argv size. Edits are accepted without asking; Bash only for the validation commands.
 */
export function buildInvocation(request: AgentRequest, options: ClaudeCodeOptions, _paths: { attemptDir: string }): Invocation {
  const maxTurns = request.budget.maxTurns ?? options.maxTurns;
  const argv = [
    options.bin,
    '--print',
    '--output-format', 'json',
    '--permission-mode', 'acceptEdits',
    '--tools', FIX_TOOLS.join(','),
    '--allowedTools', ...allowedTools(request),
    '--disallowedTools', ...DENIED_TOOLS,
    '--max-turns', String(maxTurns),
    ...(request.budget.maxUsd === undefined ? [] : ['--max-budget-usd', String(request.budget.maxUsd)]),
    ...(options.model ? ['--model', options.model] : []),
    '--json-schema', JSON.stringify(request.resultSchema),
    ...options.extraArgs,
  ];
  return {
    argv,
    // No auto-update and no telemetry from inside a CI run.
    env: { DISABLE_AUTOUPDATER: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' },
    stdin: buildPrompt(request, 'Claude Code'),
  };
}

/** File tools plus `Bash(<command>:*)` rules for the validation commands (prefix and exact). */
export function allowedTools(request: AgentRequest): string[] {
  const bash = request.validation.flatMap(({ argv }) => {
    if (argv.length === 0 || !argv.every((t) => PLAIN_TOKEN.test(t))) return [];
    const prefix = commandPrefix(argv);
    return [`Bash(${prefix.join(' ')}:*)`, `Bash(${argv.join(' ')})`];
  });
  return [...FIX_TOOLS.filter((t) => t !== 'Bash'), ...new Set(bash)];
}

/** `python -m pytest tests/x.py::t` → `python -m pytest`: the program, without its targets or options. */
function commandPrefix(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (token === '-m' && i + 1 < argv.length) {
      out.push(token, argv[++i] as string);
      continue;
    }
    if (out.length > 0 && (token.startsWith('-') || /[/:]|\.\w+$/.test(token))) break;
    out.push(token);
  }
  return out;
}
