import os from 'node:os';
import type { ValidationSpec } from '../../src/core/index.js';
import { asPathArg } from '../_lib/path-arg.js';
import { mypyPrefix, outputFlags, parseOptions } from './schema.js';

/**
 * Proof a type task is done: mypy on the task's files exits 0. `--follow-imports=silent` still
 * analyses the modules they import but reports nothing in them, so other broken files do not
 * fail this task; errors in these files caused by other modules still count, as in the full run.
 */
export function validation(targets: { files: string[]; nodeIds: string[] }, rawOptions: unknown): ValidationSpec {
  const options = parseOptions(rawOptions);
  const argv = [...mypyPrefix(options), ...outputFlags(os.devNull), '--follow-imports=silent', ...options.args, '--', ...targets.files.map(asPathArg)];
  return { commands: [{ argv, cwd: '.', timeoutMs: Math.round(options.timeoutSec * 1000) }], expect: 'exit-zero', repeat: 1 };
}
