import { z } from 'zod';
import { MAX_TIMEOUT_SEC } from '../../src/config/schema.js';
import { optionsParser } from '../_lib/options-parser.js';

/** The `plugins.mypy` section of `.github/atqos.yml`. */
export const MypyOptions = z
  .object({
    /** Interpreter that runs `-m mypy` (e.g. `.venv/bin/python`); unset: the `mypy` on PATH. */
    python: z.string().min(1).optional(),
    /** Full argv replacing `mypy` / `<python> -m mypy`, e.g. `["uv", "run", "mypy"]`. */
    command: z.array(z.string().min(1)).min(1).optional(),
    /** Extra mypy arguments, before the paths. */
    args: z.array(z.string()).default([]),
    /** Paths handed to mypy. */
    paths: z.array(z.string().min(1)).min(1).default(['.']),
    timeoutSec: z.number().positive().max(MAX_TIMEOUT_SEC).default(1200),
  })
  .strict();
export type MypyOptions = z.infer<typeof MypyOptions>;

const EXPECTED: Record<string, string> = {
  python: 'a non-empty string (an interpreter name or path)',
  command: 'a non-empty list of non-empty strings (the argv that runs mypy)',
  args: 'a list of strings',
  paths: 'a non-empty list of non-empty strings',
  timeoutSec: `a positive number of seconds, at most ${MAX_TIMEOUT_SEC}`,
};

/** Parses and defaults the options; throws an AtqosError naming the offending key. */
export const parseOptions = optionsParser('mypy', MypyOptions, EXPECTED);

/** `command`, else `<python> -m mypy`, else `mypy`: the prefix of every mypy invocation. */
export function mypyPrefix(options: MypyOptions): string[] {
  if (options.command) return [...options.command];
  return options.python ? [options.python, '-m', 'mypy'] : ['mypy'];
}

/**
 * Flags every invocation carries, whatever the repo's config says: one parseable line per
 * message, the error code, and the summary line (it says how many files were checked). No cache
 * is written into the repo or worktree (`--cache-dir=/dev/null` is mypy's documented way).
 */
export function outputFlags(devNull: string): string[] {
  return ['--show-column-numbers', '--show-error-codes', '--no-color-output', '--no-pretty', '--error-summary', `--cache-dir=${devNull}`];
}
