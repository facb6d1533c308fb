import { z } from 'zod';
import { MAX_TIMEOUT_SEC } from '../../src/config/schema.js';
import { optionsParser } from '../_lib/options-parser.js';

/** The `plugins.vitest` section of `.github/atqos.yml`. */
export const VitestOptions = z
  .object({
    /**
     * Argv prefix replacing the default launcher (the repo's `node_modules/.bin/vitest`, else
     * `npx --no-install vitest`), e.g. `["pnpm", "exec", "vitest"]`.
     */
    command: z.array(z.string().min(1)).min(1).optional(),
    /** Extra `vitest run` arguments, e.g. `["--project", "unit"]`. */
    args: z.array(z.string()).default([]),
    /** File filters handed to `vitest run`; empty runs what the vitest config includes. */
    testPaths: z.array(z.string().min(1)).default([]),
    timeoutSec: z.number().positive().max(MAX_TIMEOUT_SEC).default(1800),
  })
  .strict();
export type VitestOptions = z.infer<typeof VitestOptions>;

const EXPECTED: Record<string, string> = {
  command: 'a non-empty list of non-empty strings (an argv prefix such as ["npx", "vitest"])',
  args: 'a list of strings',
  testPaths: 'a list of non-empty strings',
  timeoutSec: `a positive number of seconds, at most ${MAX_TIMEOUT_SEC}`,
};

/** Parses and defaults the options; throws an AtqosError naming the offending key. */
export const parseOptions = optionsParser('vitest', VitestOptions, EXPECTED);

/** Launcher used where no checkout is at hand (validation, inventory): npx finds the local bin. */
export const NPX_VITEST = ['npx', '--no-install', 'vitest'] as const;

/** The argv prefix of every vitest invocation: the configured command, else `npx --no-install vitest`. */
export function vitestPrefix(options: VitestOptions): string[] {
  return options.command ? [...options.command] : [...NPX_VITEST];
}

/** Environment for every vitest process: CI mode (no watch, no interactive UI, no colors). */
export const VITEST_ENV: Readonly<Record<string, string>> = { CI: '1', NO_COLOR: '1', FORCE_COLOR: '0' };
