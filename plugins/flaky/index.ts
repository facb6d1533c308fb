import type { Plugin } from '../../src/plugin/contract.js';
import { collect } from './collect.js';
import { detect } from './detect.js';
import { normalize } from './normalize.js';
import { plan } from './plan.js';
import { FlakyOptions, parseOptions } from './schema.js';
import { validation } from './validation.js';

export { FlakyOptions, parseOptions } from './schema.js';
export { collect } from './collect.js';
export { normalize } from './normalize.js';
export { plan, quarantineTitle } from './plan.js';
export { validation } from './validation.js';
export { wilson, historyStats } from './stats.js';

/** Flaky tests: re-runs pytest's failures on the same commit, quarantines the flaky ones, lifts expired quarantines. */
export const flakyPlugin: Plugin = {
  id: 'flaky',
  description: 'Flaky pytest tests: re-runs failures K times, flake rates from history, static evidence, quarantine and its expiry',
  detect,
  // Re-running failures K times is an expensive extra; nightly is the lead's call.
  lanes: ['weekly', 'release'],
  parseOptions,
  optionsSchema: FlakyOptions,
  collect,
  normalize,
  plan,
  validation,
};
