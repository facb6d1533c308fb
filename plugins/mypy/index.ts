import type { Plugin } from '../../src/plugin/contract.js';
import { collect } from './collect.js';
import { detect } from './detect.js';
import { normalize } from './normalize.js';
import { plan } from './plan.js';
import { MypyOptions, parseOptions } from './schema.js';
import { validation } from './validation.js';

export { MypyOptions, parseOptions, mypyPrefix } from './schema.js';
export { collect, collectArgv } from './collect.js';
export { normalize } from './normalize.js';
export { plan } from './plan.js';
export { validation } from './validation.js';
export { parseMypyOutput } from './output.js';
export { errorCodeUrl } from './error-codes.js';

/** mypy: type errors with their error codes; one `type_fix` task per file. */
export const mypyPlugin: Plugin = {
  id: 'mypy',
  description: 'mypy (Python type checker): type errors with error codes and docs links, fixed per file',
  detect,
  parseOptions,
  optionsSchema: MypyOptions,
  collect,
  normalize,
  plan,
  validation,
};
