import type { Plugin } from '../../src/plugin/contract.js';
import { collect } from './collect.js';
import { detect } from './detect.js';
import { normalize } from './normalize.js';
import { plan } from './plan.js';
import { PyrightOptions, parseOptions } from './schema.js';
import { validation } from './validation.js';

export { PyrightOptions, parseOptions } from './schema.js';
export { collect, collectArgv } from './collect.js';
export { normalize } from './normalize.js';
export { plan } from './plan.js';
export { validation } from './validation.js';
export { parsePyrightReport } from './report.js';
export { ruleUrl } from './findings.js';

/** pyright: type errors and warnings from `--outputjson`, with rule names; one `type_fix` task per file. */
export const pyrightPlugin: Plugin = {
  id: 'pyright',
  description: 'pyright (Python type checker): errors and warnings with rule names and docs links, fixed per file',
  detect,
  parseOptions,
  optionsSchema: PyrightOptions,
  collect,
  normalize,
  plan,
  validation,
};
