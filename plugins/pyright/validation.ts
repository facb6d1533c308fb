import type { ValidationSpec } from '../../src/core/index.js';
import { asPathArg } from '../_lib/path-arg.js';
import { parseOptions } from './schema.js';

/**
 * Proof a type task is done: pyright on the task's files exits 0. Given files, pyright reports
 * on those files only (imports are still analysed), so other broken files do not fail the task;
 * `--warnings` makes warnings fail it too, as they were findings.
 */
export function validation(targets: { files: string[]; nodeIds: string[] }, rawOptions: unknown): ValidationSpec {
  const options = parseOptions(rawOptions);
  const argv = [...options.command, '--warnings', ...options.args, ...targets.files.map(asPathArg)];
  return { commands: [{ argv, cwd: '.', timeoutMs: Math.round(options.timeoutSec * 1000) }], expect: 'exit-zero', repeat: 1 };
}
