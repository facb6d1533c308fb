import { parseCobertura } from './cobertura.js';
import { parseCoverageJson } from './coverage-json.js';
import { parseLcov } from './lcov.js';
import type { CoverageFormat, ParseResult } from './model.js';

export type { CoverageData, CoverageFormat, FileCoverage, ParseResult } from './model.js';

/** The report formats `parseCoverageReport` reads. */
export const COVERAGE_FORMATS: readonly CoverageFormat[] = ['coverage-json', 'cobertura', 'lcov'];

/**
 * Parses a coverage report into the plugin's model, with file paths made repo-relative posix
 * (Cobertura `<source>` roots and LCOV's absolute `SF:` paths resolved against `repoDir`; files
 * outside the repo are listed in `outside`). Never throws: bad input is `{ ok: false, error }`
 * saying what is wrong.
 */
export function parseCoverageReport(text: string, format: CoverageFormat, opts: { repoDir: string }): ParseResult {
  try {
    if (text.includes('\u0000')) return { ok: false, error: `the ${format} report is binary (contains NUL bytes): pass the report, not the .coverage data file` };
    switch (format) {
      case 'coverage-json': return parseCoverageJson(text, opts.repoDir);
      case 'cobertura': return parseCobertura(text, opts.repoDir);
      case 'lcov': return parseLcov(text, opts.repoDir);
      default: return { ok: false, error: `unknown coverage report format "${String(format)}": use one of ${COVERAGE_FORMATS.join(', ')}` };
    }
  } catch (err) {
    return { ok: false, error: `the ${format} report could not be read: ${err instanceof Error ? err.message : String(err)}` };
  }
}
