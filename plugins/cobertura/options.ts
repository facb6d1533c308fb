import { z } from 'zod';
import { optionsParser } from '../_lib/options-parser.js';
import { CoverageOptions, parseOptions as parseCoverageOptions } from '../coverage/schema.js';

/**
 * `plugins.cobertura` / `plugins.lcov`: the coverage plugin's target settings, nothing else (an
 * ingested report was measured elsewhere, so there is no interpreter, runner or source to set).
 */
export const CoverageIngestOptions = z.strictObject(
  CoverageOptions.pick({ targets: true, defaultTarget: true, critical: true, churnDays: true }).shape,
);
export type CoverageIngestOptions = z.infer<typeof CoverageIngestOptions>;

const EXPECTED: Record<string, string> = {
  targets: 'a list of { glob, min } with min a percent (0–100)',
  defaultTarget: 'a percent between 0 and 100',
  critical: 'a list of globs',
  churnDays: 'a whole number of days (1–3650)',
};

/** The options parser of one ingest plugin: errors name `plugins.<id>.<key>`. */
export function coverageIngestOptionsParser(id: string): (raw: unknown) => CoverageIngestOptions {
  return optionsParser(id, CoverageIngestOptions, EXPECTED, {
    fullPath: true,
    unknownKeys: (names) => `unknown option(s): ${names.join(', ')}`,
    knownKeysNote: `(the report itself is given on the command line: atqos ingest --format ${id} FILE...)`,
  });
}

/** The coverage plugin's full options for these settings, so its inventory code can be reused. */
export function asCoverageOptions(options: CoverageIngestOptions): CoverageOptions {
  return parseCoverageOptions(options);
}
