import type { CoverageOptions } from './schema.js';

/** The pytest plugin (in `python/`) that records outcomes and, for `coverage run`, switches contexts. */
export const TESTS_PLUGIN = 'atqos_coverage_tests';

const asPathArg = (p: string): string => (p.startsWith('-') ? `./${p}` : p);

/** pytest arguments common to both runners; the cache would write into the repo. */
function pytestTail(options: CoverageOptions): string[] {
  return [...options.testPaths.map(asPathArg), ...options.args, '-p', TESTS_PLUGIN, '-p', 'no:cacheprovider', '--color=no'];
}

/**
 * The suite under coverage. `coverage-run` starts coverage before Python imports pytest or any
 * plugin, so no project module can be imported unmeasured; per-test contexts then come from
 * ATQOS's plugin (switch_context works with coverage 5+, no pytest-cov needed). `pytest-cov` uses
 * `--cov-context=test` (pytest-cov 2.8+) for the same `<node id>|<phase>` context names.
 */
export function suiteArgv(options: CoverageOptions, sources: readonly string[]): string[] {
  if (options.runner === 'pytest-cov') {
    return [
      options.python, '-m', 'pytest',
      ...pytestTail(options),
      ...(sources.length ? sources.map((s) => `--cov=${s}`) : ['--cov']),
      // An empty report type: no terminal table and no file; `coverage json` writes the report.
      '--cov-report=',
      ...(options.branch ? ['--cov-branch'] : []),
      ...(options.contexts ? ['--cov-context=test'] : []),
    ];
  }
  return [
    options.python, '-m', 'coverage', 'run',
    ...(options.branch ? ['--branch'] : []),
    ...(sources.length ? [`--source=${sources.join(',')}`] : []),
    '-m', 'pytest',
    ...pytestTail(options),
  ];
}

/** `coverage json` of the data file (pytest-cov 4 writes no JSON itself); `-i` skips vanished sources. */
export function jsonArgv(options: CoverageOptions, out: string): string[] {
  return [options.python, '-m', 'coverage', 'json', '-i', '-o', out, ...(options.contexts ? ['--show-contexts'] : [])];
}
