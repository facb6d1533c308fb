import { z } from 'zod';
import { AtqosError } from '../../src/core/index.js';
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
  return (raw) => {
    const result = CoverageIngestOptions.safeParse(raw ?? {});
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    if (issue?.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => [`plugins.${id}`, ...issue.path, k].join('.'));
      throw new AtqosError('config_invalid', `unknown option(s): ${keys.join(', ')}`, {
        hint: `known keys: ${Object.keys(EXPECTED).join(', ')} (the report itself is given on the command line: atqos ingest --format ${id} FILE...)`,
      });
    }
    const key = String(issue?.path[0] ?? '');
    const where = issue?.path.length ? `plugins.${id}.${issue.path.join('.')}` : `plugins.${id}`;
    throw new AtqosError('config_invalid', `${where} must be ${EXPECTED[key] ?? 'a mapping of options'}`, {
      hint: issue ? `${issue.message} (in .github/atqos.yml)` : 'fix it in .github/atqos.yml',
    });
  };
}

/** The coverage plugin's full options for these settings, so its inventory code can be reused. */
export function asCoverageOptions(options: CoverageIngestOptions): CoverageOptions {
  return parseCoverageOptions(options);
}
