import { z } from 'zod';
import { MAX_TIMEOUT_SEC } from '../../src/config/schema.js';
import { optionsParser } from '../_lib/options-parser.js';

/** The `plugins.skip-audit` section of `.github/atqos.yml`. */
export const SkipAuditOptions = z
  .object({
    /** Interpreter for the inventory helper and the un-skipped runs (a name on PATH or a path). */
    python: z.string().min(1).default('python3'),
    /** An unconditional skip older than this (by git blame) makes its test obsolete. */
    staleSkipDays: z.number().int().positive().default(180),
    /** A test ATQOS quarantined longer ago than this (by git blame) that is still obsolete is deleted by a delete_test task. */
    deleteAfterDays: z.number().int().positive().default(30),
    /** Run the skipped tests with their skips removed (stale skips, skipif conditions). */
    runSkipped: z.boolean().default(true),
    /** Times an un-skipped test must pass in a row to count as a stale skip. */
    reruns: z.number().int().min(1).max(20).default(3),
    /** Per pytest invocation. */
    timeoutSec: z.number().positive().max(MAX_TIMEOUT_SEC).default(900),
  })
  .strict();
export type SkipAuditOptions = z.infer<typeof SkipAuditOptions>;

const EXPECTED: Record<string, string> = {
  python: 'a non-empty string (an interpreter name or path)',
  staleSkipDays: 'a positive whole number of days',
  deleteAfterDays: 'a positive whole number of days',
  runSkipped: 'true or false',
  reruns: 'a whole number from 1 to 20',
  timeoutSec: `a positive number of seconds, at most ${MAX_TIMEOUT_SEC}`,
};

/** Parses and defaults the options; throws an AtqosError naming the offending key. */
export const parseOptions = optionsParser('skip-audit', SkipAuditOptions, EXPECTED, { unknownKeys: (names) => `unknown key(s) ${names.join(', ')}`, knownKeysNote: '(in .github/atqos.yml)' });
