import type { Plugin } from '../../src/plugin/contract.js';
import { collect } from './collect.js';
import { detect } from './detect.js';
import { normalize } from './normalize.js';
import { autofix, plan, validation } from './plan.js';
import { EslintOptions, parseOptions } from './schema.js';
import { noNewSuppressionsGuard } from './no-new-suppressions.js';

export { EslintOptions, parseOptions } from './schema.js';
export { collect, collectArgv } from './collect.js';
export { normalize } from './normalize.js';
export { autofix, plan, validation } from './plan.js';

/** eslint: lints once with the JSON formatter; problems become per-file lint_fix tasks, fixable ones via `--fix`. */
export const eslintPlugin: Plugin = {
  id: 'eslint',
  description: 'eslint (JavaScript/TypeScript): rule violations and files that cannot be parsed, autofix with --fix',
  detect,
  parseOptions,
  optionsSchema: EslintOptions,
  collect,
  normalize,
  plan,
  validation,
  autofix,
  guards: [noNewSuppressionsGuard],
  protectedPaths: [
    { glob: '**/eslint.config.*', allowFor: [], why: 'the eslint config decides which rules a fix is judged by' },
    { glob: '**/.eslintrc*', allowFor: [], why: 'the eslint config decides which rules a fix is judged by' },
    { glob: '**/.eslintignore', allowFor: [], why: 'ignoring a file hides its problems instead of fixing them' },
  ],
};
