/** Coverage of one source file, whatever report format it came from. Lines are 1-based. */
export interface FileCoverage {
  /** Measured statements (lines coverage.py or the producer counts). */
  statements: number;
  executed: number[];
  missing: number[];
  excluded?: number[];
  /** Branch totals when the report has branch data. */
  branches?: { total: number; covered: number };
  /** Line coverage in percent (0–100); 100 for a file without statements. */
  percent: number;
}

/** One coverage report in the plugin's own model: files by repo-relative posix path. */
export interface CoverageData {
  files: Record<string, FileCoverage>;
  /** The producer's version string when the report names it (e.g. coverage.py `6.5.0`). */
  producer?: string;
  /** Whether the report carries per-line test contexts (coverage.py `--show-contexts`). */
  hasContexts: boolean;
  /** Files the report lists outside the repo (site-packages, other checkouts), skipped. */
  outside: string[];
  /** Records that could not be read and were skipped, each with the reason. */
  notes: string[];
}

export type CoverageFormat = 'coverage-json' | 'cobertura' | 'lcov';

export type ParseResult = { ok: true; data: CoverageData } | { ok: false; error: string };

export const sortedUnique = (xs: Iterable<number>): number[] => [...new Set(xs)].sort((a, b) => a - b);

/** Line percent from counts: a file without statements is fully covered. */
export function linePercent(statements: number, covered: number): number {
  return statements === 0 ? 100 : (100 * covered) / statements;
}
