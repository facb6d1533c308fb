import type { Plugin } from '../../src/plugin/contract.js';
import { collect } from './collect.js';
import { detect } from './detect.js';
import { normalize } from './normalize.js';
import { plan } from './plan.js';
import { RuffOptions, parseOptions } from './schema.js';
import { autofix, validation } from './validation.js';

export { RuffOptions, parseOptions } from './schema.js';
export { collect, collectArgv } from './collect.js';
export { normalize } from './normalize.js';
export { plan } from './plan.js';
export { autofix, validation } from './validation.js';
export { parseRuffReport } from './report.js';

/** ruff: lint violations from its JSON report; one `lint_fix` task per file, `ruff check --fix` as the builtin fix. */
export const ruffPlugin: Plugin = {
  id: 'ruff',
  description: 'ruff (Python linter): lint violations with rule codes, fixed per file, safe fixes by ruff itself',
  detect,
  parseOptions,
  optionsSchema: RuffOptions,
  collect,
  normalize,
  plan,
  validation,
  autofix,
};
