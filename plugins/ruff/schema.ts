import { z } from 'zod';
import { MAX_TIMEOUT_SEC } from '../../src/config/schema.js';
import { optionsParser } from '../_lib/options-parser.js';

/** The `plugins.ruff` section of `.github/atqos.yml`. */
export const RuffOptions = z
  .object({
    /** argv prefix that runs ruff, e.g. `["uv", "run", "ruff"]` or `[".venv/bin/ruff"]`. */
    command: z.array(z.string().min(1)).min(1).default(['ruff']),
    /** Extra `ruff check` arguments, before the paths. */
    args: z.array(z.string()).default([]),
    /** Paths handed to `ruff check`. */
    paths: z.array(z.string().min(1)).min(1).default(['.']),
    timeoutSec: z.number().positive().max(MAX_TIMEOUT_SEC).default(600),
  })
  .strict();
export type RuffOptions = z.infer<typeof RuffOptions>;

const EXPECTED: Record<string, string> = {
  command: 'a non-empty list of non-empty strings (the argv that runs ruff)',
  args: 'a list of strings',
  paths: 'a non-empty list of non-empty strings',
  timeoutSec: `a positive number of seconds, at most ${MAX_TIMEOUT_SEC}`,
};

/** Parses and defaults the options; throws an AtqosError naming the offending key. */
export const parseOptions = optionsParser('ruff', RuffOptions, EXPECTED);
