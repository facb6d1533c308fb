import { z } from 'zod';
import { MAX_TIMEOUT_SEC } from '../../src/config/schema.js';
import { optionsParser } from '../_lib/options-parser.js';

/** A coverage target for the source files a glob matches (first matching target wins). */
export const CoverageTarget = z.object({ glob: z.string().min(1), min: z.number().min(0).max(100) }).strict();

/** An existing report read instead of running the suite. */
export const ExistingReport = z.object({
  path: z.string().min(1),
  format: z.enum(['coverage-json', 'cobertura', 'lcov']),
}).strict();

/** The `plugins.coverage` section of `.github/atqos.yml`. */
export const CoverageOptions = z
  .object({
    /** Interpreter with pytest and coverage.py installed; a name on PATH or a path. */
    python: z.string().min(1).default('python3'),
    /** `coverage-run`: `<python> -m coverage run -m pytest`; `pytest-cov`: `<python> -m pytest --cov`. */
    runner: z.enum(['coverage-run', 'pytest-cov']).default('coverage-run'),
    /** Measure branches too (`--branch` / `--cov-branch`). */
    branch: z.boolean().default(false),
    /** Directories or packages to measure; empty → guessed (`src/*` packages, else top-level packages that are not tests). */
    source: z.array(z.string().min(1)).default([]),
    /** Extra pytest arguments. */
    args: z.array(z.string()).default([]),
    testPaths: z.array(z.string().min(1)).default([]),
    /** A report produced elsewhere, read instead of running the suite. */
    report: ExistingReport.optional(),
    targets: z.array(CoverageTarget).default([]),
    /** Percent every source file not matched by `targets` must reach. */
    defaultTarget: z.number().min(0).max(100).default(80),
    /** Globs of critical source files: their gaps are planned first and rank higher. */
    critical: z.array(z.string().min(1)).default([]),
    /** How far back churn (commits touching a file) is counted. */
    churnDays: z.number().int().positive().max(3650).default(90),
    /** Per-test coverage contexts: the impact map and obsolete-test detection need them. */
    contexts: z.boolean().default(true),
    timeoutSec: z.number().positive().max(MAX_TIMEOUT_SEC).default(1800),
  })
  .strict();
export type CoverageOptions = z.infer<typeof CoverageOptions>;

const EXPECTED: Record<string, string> = {
  python: 'a non-empty string (an interpreter name or path)',
  runner: '"coverage-run" or "pytest-cov"',
  branch: 'true or false',
  source: 'a list of directories or package names',
  args: 'a list of strings',
  testPaths: 'a list of non-empty strings',
  report: 'a mapping { path, format: coverage-json | cobertura | lcov }',
  targets: 'a list of { glob, min } with min a percent (0–100)',
  defaultTarget: 'a percent between 0 and 100',
  critical: 'a list of globs',
  churnDays: 'a whole number of days (1–3650)',
  contexts: 'true or false',
  timeoutSec: `a positive number of seconds, at most ${MAX_TIMEOUT_SEC}`,
};

/** Parses and defaults the options; throws an AtqosError naming the offending key. */
export const parseOptions = optionsParser('coverage', CoverageOptions, EXPECTED, { fullPath: true, unknownKeys: (names) => `unknown option(s): ${names.join(', ')}` });

/** The target percent for a repo-relative source file: the first matching `targets` glob, else `defaultTarget`. */
export function targetFor(file: string, options: CoverageOptions, match: (glob: string, path: string) => boolean): number {
  return options.targets.find((t) => match(t.glob, file))?.min ?? options.defaultTarget;
}
