import type { Plugin } from '../../src/plugin/contract.js';
import { collect } from './collect.js';
import { detect } from './detect.js';
import { normalize } from './normalize.js';
import { plan } from './plan.js';
import { PytestOptions, parseOptions } from './schema.js';
import { validation } from './validation.js';
import { pytestGuards, pytestProtectedPaths } from './guards/index.js';
import { pytestTestFiles } from './test-files.js';
import { listTestsCommand, parseListedTests } from './list-tests.js';
import { impactedTests } from './select/validation-impact.js';

export { PytestOptions, parseOptions } from './schema.js';
export { collect, collectArgv } from './collect.js';
export { normalize } from './normalize.js';
export { plan } from './plan.js';
export { validation } from './validation.js';
export { classifyFailure } from './classify.js';
export { pytestTestFiles } from './test-files.js';
export { tierOf, tierRank } from './select/tiers.js';
export { SelectionRecord } from './select/record.js';

/** pytest: runs the suite once with JUnit XML and an inventory plugin; failures become fix tasks. */
export const pytestPlugin: Plugin = {
  id: 'pytest',
  description: 'pytest test suites (Python): failures, errors, collection and environment problems',
  detect,
  parseOptions,
  optionsSchema: PytestOptions,
  collect,
  normalize,
  plan,
  validation,
  guards: pytestGuards,
  protectedPaths: pytestProtectedPaths,
  testFiles: pytestTestFiles,
  inventory: { command: listTestsCommand, parse: parseListedTests },
  impactedTests,
};
