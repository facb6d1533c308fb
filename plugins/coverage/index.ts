import type { Plugin } from '../../src/plugin/contract.js';
import { collect } from './collect.js';
import { COVERAGE_LANES, detect } from './detect.js';
import { normalize } from './normalize.js';
import { plan } from './plan.js';
import { CoverageOptions, parseOptions } from './schema.js';
import { validation } from './task-validation.js';
import { pytestGuards, pytestProtectedPaths } from '../pytest/guards/index.js';
import { listTestsCommand, parseListedTests } from '../pytest/list-tests.js';
import { pytestTestFiles } from '../pytest/test-files.js';
import { asPytestOptions } from './pytest-view.js';

export { CoverageOptions, parseOptions } from './schema.js';
export { collect } from './collect.js';
export { normalize } from './normalize.js';
export { plan } from './plan.js';
export { validation } from './task-validation.js';
export { parseCoverageReport } from './formats/index.js';
export type { CoverageData, CoverageFormat, FileCoverage } from './formats/index.js';
export { ImpactMap, IMPACT_MAP_ARTIFACT } from './impact-map.js';

/** coverage.py: runs the suite under coverage; modules below target become add_test tasks. */
export const coveragePlugin: Plugin = {
  id: 'coverage',
  description: 'coverage.py line coverage (Python): gaps per module against targets, tests that execute no project code, the test impact map',
  detect,
  lanes: COVERAGE_LANES,
  parseOptions,
  optionsSchema: CoverageOptions,
  collect,
  normalize,
  plan,
  validation,
  // Its tasks write pytest tests: pytest's guards, protected files, test-file matcher and
  // inventory (the collected tests must not shrink) apply to them as to pytest's own tasks.
  guards: pytestGuards,
  protectedPaths: pytestProtectedPaths,
  testFiles: (repoDir, options) => pytestTestFiles(repoDir, asPytestOptions(options)),
  inventory: { command: (options) => listTestsCommand(asPytestOptions(options)), parse: parseListedTests },
};
