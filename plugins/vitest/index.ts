import type { Plugin } from '../../src/plugin/contract.js';
import { collect } from './collect.js';
import { detect } from './detect.js';
import { listTestsCommand, parseListedTests } from './inventory.js';
import { normalize } from './normalize.js';
import { plan } from './plan.js';
import { parseOptions, VitestOptions } from './schema.js';
import { vitestTestFiles } from './test-files.js';
import { validation } from './validation.js';

export { VitestOptions, parseOptions } from './schema.js';
export { collect, collectArgv } from './collect.js';
export { normalize } from './normalize.js';
export { plan } from './plan.js';
export { validation } from './validation.js';
export { testNodeId, testNamePattern } from './test-id.js';

/** vitest: runs the suite once with the JSON reporter; failures become fix tasks re-run by name. */
export const vitestPlugin: Plugin = {
  id: 'vitest',
  description: 'vitest test suites (TypeScript/JavaScript): failing tests, test files that cannot load',
  detect,
  parseOptions,
  optionsSchema: VitestOptions,
  collect,
  normalize,
  plan,
  validation,
  testFiles: vitestTestFiles,
  inventory: { command: listTestsCommand, parse: parseListedTests },
  protectedPaths: [
    { glob: '**/vitest.config.*', allowFor: [], why: 'the vitest config decides which tests run and how' },
    { glob: '**/vite.config.*', allowFor: [], why: 'the vite config can configure vitest' },
  ],
};
