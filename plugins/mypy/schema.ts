import type { PythonToolOptions } from '../_lib/python-tool-options.js';
import { pythonToolOptions } from '../_lib/python-tool-options.js';

const options = pythonToolOptions('mypy', 1200);

/** The `plugins.mypy` section of `.github/atqos.yml`: python, command, args, paths, timeoutSec. */
export const MypyOptions = options.schema;
export type MypyOptions = PythonToolOptions;

/** Parses and defaults the options; throws an AtqosError naming the offending key. */
export const parseOptions = options.parseOptions;

/** `command`, else `<python> -m mypy`, else `mypy`: the prefix of every mypy invocation. */
export const mypyPrefix = options.prefix;

/**
 * Flags every invocation carries, whatever the repo's config says: one parseable line per
 * message, the error code, and the summary line (it says how many files were checked). No cache
 * is written into the repo or worktree (`--cache-dir=/dev/null` is mypy's documented way).
 */
export function outputFlags(devNull: string): string[] {
  return ['--show-column-numbers', '--show-error-codes', '--no-color-output', '--no-pretty', '--error-summary', `--cache-dir=${devNull}`];
}
