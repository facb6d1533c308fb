import type { Plugin } from '../../src/plugin/contract.js';
import { collect } from './collect.js';
import { detect } from './detect.js';
import { noNewNoqaGuard } from './no-new-noqa.js';
import { normalize } from './normalize.js';
import { plan } from './plan.js';
import { Flake8Options, parseOptions } from './schema.js';
import { validation } from './validation.js';

export { Flake8Options, parseOptions, flake8Prefix } from './schema.js';
export { collect, collectArgv } from './collect.js';
export { normalize } from './normalize.js';
export { plan } from './plan.js';
export { validation } from './validation.js';
export { parseFlake8Output } from './output.js';

const CONFIG = 'the flake8 config decides which codes a fix is judged by';

/** flake8: pycodestyle, pyflakes and mccabe violations with their codes; one `lint_fix` task per file. */
export const flake8Plugin: Plugin = {
  id: 'flake8',
  description: 'flake8 (Python linter: pycodestyle, pyflakes, mccabe): violations with codes and docs links, fixed per file',
  detect,
  parseOptions,
  optionsSchema: Flake8Options,
  collect,
  normalize,
  plan,
  validation,
  guards: [noNewNoqaGuard],
  // setup.cfg is already a generic protected manifest.
  protectedPaths: [
    { glob: '**/.flake8', allowFor: [], why: CONFIG },
    { glob: '**/tox.ini', allowFor: [], why: CONFIG },
  ],
};
