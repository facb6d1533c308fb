import { z } from 'zod';
import { MAX_TIMEOUT_SEC } from '../../src/config/schema.js';
import { optionsParser } from '../_lib/options-parser.js';

/** The `plugins.flaky` section of `.github/atqos.yml`. */
export const FlakyOptions = z
  .object({
    /** Interpreter that runs `-m pytest` and the static-scan helper. */
    python: z.string().min(1).default('python3'),
    /** Re-runs of each failing test on the same commit, when the lane does not say (`lanes.<name>.reruns`). */
    reruns: z.number().int().positive().max(100).default(10),
    /** Age after which a quarantine marker is re-evaluated with the quarantine lifted. */
    quarantineDays: z.number().positive().default(14),
    /** Failing tests re-run at most; the rest are named in the notes as not re-run. */
    maxTests: z.number().int().positive().default(50),
    /** Per pytest invocation (one round of re-runs, one chunk of node ids). */
    timeoutSec: z.number().positive().max(MAX_TIMEOUT_SEC).default(600),
    /** Stop re-running a test once it has both passed and failed (its rate then rests on fewer runs). */
    earlyStop: z.boolean().default(false),
    /**
     * Deprecated: the marker is configured once, as `agents.builtin.quarantineMarker` (the config
     * refuses this key when it differs). Quarantines are recognised by their ATQOS tag, not by it.
     */
    quarantineMarker: z.string().startsWith('@').optional(),
  })
  .strict();
export type FlakyOptions = z.infer<typeof FlakyOptions>;

const EXPECTED: Record<string, string> = {
  python: 'a non-empty string (an interpreter name or path)',
  reruns: 'a whole number from 1 to 100',
  quarantineDays: 'a positive number of days',
  maxTests: 'a positive whole number',
  timeoutSec: `a positive number of seconds, at most ${MAX_TIMEOUT_SEC}`,
  earlyStop: 'true or false',
  quarantineMarker: 'a decorator line starting with `@` (deprecated: set agents.builtin.quarantineMarker instead)',
};

/** Parses and defaults the options; throws an AtqosError naming the offending key. */
export const parseOptions = optionsParser('flaky', FlakyOptions, EXPECTED);
