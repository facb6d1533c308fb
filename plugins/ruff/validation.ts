import type { CommandSpec, ValidationSpec } from '../../src/core/index.js';
import { asPathArg } from '../_lib/path-arg.js';
import { parseOptions } from './schema.js';
import { isRuleCode, parseLintNodeId } from './node-ids.js';

interface Targets {
  files: string[];
  nodeIds: string[];
}

const unique = (xs: string[]) => [...new Set(xs)].sort();

/** `--select` for the task's rules; none when a rule has no code (a syntax error): then the file must be clean. */
function selectArgs(rules: string[]): string[] {
  return rules.length > 0 && rules.every(isRuleCode) ? ['--select', rules.join(',')] : [];
}

function rulesOf(targets: Targets): string[] {
  return unique(targets.nodeIds.map(parseLintNodeId).flatMap((n) => (n ? [n.rule] : [])));
}

/**
 * Proof a lint task is done: `ruff check` on its files, limited to its rules, exits 0 (ruff exits 1
 * on any violation and 2 when it crashes, so neither passes). The repo's config still applies.
 */
export function validation(targets: Targets, rawOptions: unknown): ValidationSpec {
  const options = parseOptions(rawOptions);
  const argv = [...options.command, 'check', '--no-cache', ...options.args, ...selectArgs(rulesOf(targets)), '--', ...targets.files.map(asPathArg)];
  return { commands: [{ argv, cwd: '.', timeoutMs: Math.round(options.timeoutSec * 1000) }], expect: 'exit-zero', repeat: 1 };
}

/**
 * ruff's own fixer for a task, only when ruff offered a safe fix for every rule it names
 * (otherwise `--fix` cannot finish the task and an agent should). Its exit code is ruff's: 1 when
 * violations remain, which the builtin agent reads as a partial fix, not a failure.
 */
export function autofix(targets: Targets, rawOptions: unknown): CommandSpec | undefined {
  const options = parseOptions(rawOptions);
  const ids = targets.nodeIds.map(parseLintNodeId);
  if (targets.files.length === 0 || ids.length === 0 || !ids.every((n) => n?.fixable && isRuleCode(n.rule))) return undefined;
  const rules = unique(ids.map((n) => n!.rule));
  return {
    argv: [...options.command, 'check', '--fix', '--no-cache', ...options.args, '--select', rules.join(','), '--', ...targets.files.map(asPathArg)],
    cwd: '.',
    timeoutMs: Math.round(options.timeoutSec * 1000),
  };
}
