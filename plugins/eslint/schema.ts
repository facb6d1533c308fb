import { z } from 'zod';
import { MAX_TIMEOUT_SEC } from '../../src/config/schema.js';
import { optionsParser } from '../_lib/options-parser.js';

/** The `plugins.eslint` section of `.github/atqos.yml`. */
export const EslintOptions = z
  .object({
    /**
     * Argv prefix replacing the default launcher (the repo's `node_modules/.bin/eslint`, else
     * `npx --no-install eslint`), e.g. `["pnpm", "exec", "eslint"]`.
     */
    command: z.array(z.string().min(1)).min(1).optional(),
    /** Extra eslint arguments, e.g. `["--ext", ".vue"]` or `["--rule", "no-console: off"]`. */
    args: z.array(z.string()).default([]),
    /** Files, directories or globs to lint; `.` lets the eslint config's `files`/`ignores` decide. */
    paths: z.array(z.string().min(1)).min(1).default(['.']),
    timeoutSec: z.number().positive().max(MAX_TIMEOUT_SEC).default(600),
  })
  .strict();
export type EslintOptions = z.infer<typeof EslintOptions>;

const EXPECTED: Record<string, string> = {
  command: 'a non-empty list of non-empty strings (an argv prefix such as ["npx", "eslint"])',
  args: 'a list of strings',
  paths: 'a non-empty list of non-empty strings (files, directories or globs)',
  timeoutSec: `a positive number of seconds, at most ${MAX_TIMEOUT_SEC}`,
};

/** Parses and defaults the options; throws an AtqosError naming the offending key. */
export const parseOptions = optionsParser('eslint', EslintOptions, EXPECTED);

/** Launcher used where no checkout is at hand (validation, autofix): npx finds the local bin. */
export const NPX_ESLINT = ['npx', '--no-install', 'eslint'] as const;

/** The argv prefix of every eslint invocation: the configured command, else `npx --no-install eslint`. */
export function eslintPrefix(options: EslintOptions): string[] {
  return options.command ? [...options.command] : [...NPX_ESLINT];
}

/** Environment for every eslint process: no colors in its output. */
export const ESLINT_ENV: Readonly<Record<string, string>> = { NO_COLOR: '1', FORCE_COLOR: '0' };
