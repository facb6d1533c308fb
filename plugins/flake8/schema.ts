import { z } from 'zod';
import { MAX_TIMEOUT_SEC } from '../../src/config/schema.js';
import { optionsParser } from '../_lib/options-parser.js';

/** The `plugins.flake8` section of `.github/atqos.yml`. */
export const Flake8Options = z
  .object({
    /** Interpreter that runs `-m flake8` (e.g. `.venv/bin/python`); unset: the `flake8` on PATH. */
    python: z.string().min(1).optional(),
    /** Full argv replacing `flake8` / `<python> -m flake8`, e.g. `["uv", "run", "flake8"]`. */
    command: z.array(z.string().min(1)).min(1).optional(),
    /** Extra flake8 arguments, before the paths. */
    args: z.array(z.string()).default([]),
    /** Paths handed to flake8. */
    paths: z.array(z.string().min(1)).min(1).default(['.']),
    timeoutSec: z.number().positive().max(MAX_TIMEOUT_SEC).default(600),
  })
  .strict();
export type Flake8Options = z.infer<typeof Flake8Options>;

const EXPECTED: Record<string, string> = {
  python: 'a non-empty string (an interpreter name or path)',
  command: 'a non-empty list of non-empty strings (the argv that runs flake8)',
  args: 'a list of strings',
  paths: 'a non-empty list of non-empty strings',
  timeoutSec: `a positive number of seconds, at most ${MAX_TIMEOUT_SEC}`,
};

/** Parses and defaults the options; throws an AtqosError naming the offending key. */
export const parseOptions = optionsParser('flake8', Flake8Options, EXPECTED);

/** `command`, else `<python> -m flake8`, else `flake8`: the prefix of every flake8 invocation. */
export function flake8Prefix(options: Flake8Options): string[] {
  if (options.command) return [...options.command];
  return options.python ? [options.python, '-m', 'flake8'] : ['flake8'];
}
