import { z } from 'zod';
import { MAX_TIMEOUT_SEC } from '../../src/config/schema.js';
import { optionsParser } from '../_lib/options-parser.js';

/** The `plugins.pyright` section of `.github/atqos.yml`. */
export const PyrightOptions = z
  .object({
    /** argv prefix that runs pyright, e.g. `["npx", "pyright"]` or `["node_modules/.bin/pyright"]`. */
    command: z.array(z.string().min(1)).min(1).default(['pyright']),
    /** Extra pyright arguments, before the paths. */
    args: z.array(z.string()).default([]),
    /** Paths handed to pyright. */
    paths: z.array(z.string().min(1)).min(1).default(['.']),
    timeoutSec: z.number().positive().max(MAX_TIMEOUT_SEC).default(1200),
  })
  .strict();
export type PyrightOptions = z.infer<typeof PyrightOptions>;

const EXPECTED: Record<string, string> = {
  command: 'a non-empty list of non-empty strings (the argv that runs pyright)',
  args: 'a list of strings',
  paths: 'a non-empty list of non-empty strings',
  timeoutSec: `a positive number of seconds, at most ${MAX_TIMEOUT_SEC}`,
};

/** Parses and defaults the options; throws an AtqosError naming the offending key. */
export const parseOptions = optionsParser('pyright', PyrightOptions, EXPECTED);
