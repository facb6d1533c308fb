import type { Plugin } from '../../src/plugin/contract.js';
import { collect } from './collect.js';
import { detect } from './detect.js';
import { listTestsCommand, parseListedTests } from './inventory.js';
import { normalize } from './normalize.js';
import { plan } from './plan.js';
import { GoTestOptions, parseOptions } from './schema.js';
import { goTestFiles } from './test-files.js';
import { validation } from './validation.js';

export { GoTestOptions, parseOptions, goEnv } from './schema.js';
export { collect, collectArgv } from './collect.js';
export { normalize } from './normalize.js';
export { plan } from './plan.js';
export { validation } from './validation.js';
export { goNodeId, splitNodeId, runPattern } from './node-ids.js';
export { isGoTestFile } from './test-files.js';

/** go test: runs every package once with `-json`; failures, build errors, panics and timeouts become tasks. */
export const goTestPlugin: Plugin = {
  id: 'go-test',
  description: 'go test (Go modules): failing tests and subtests, build failures, panics and timeouts',
  detect,
  parseOptions,
  optionsSchema: GoTestOptions,
  collect,
  normalize,
  plan,
  validation,
  testFiles: goTestFiles,
  inventory: { command: listTestsCommand, parse: parseListedTests },
};
