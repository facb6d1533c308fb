import type { Plugin } from '../../src/plugin/contract.js';
import { collectJunit } from '../junit/collect.js';
import { normalizeCtrf } from './normalize.js';
import { CtrfOptions, parseCtrfOptions } from './options.js';
import { ctrfValidation, planCtrf } from './plan.js';

/** CTRF JSON ingest: `atqos ingest --format ctrf FILE...`. Explicit only, never detected. */
export const ctrfPlugin: Plugin = {
  id: 'ctrf',
  ingest: true,
  description: 'Reads CTRF JSON test reports produced elsewhere (jest, vitest, playwright, cypress, pytest, ATQOS itself and any CTRF reporter)',
  detect: async () => false,
  parseOptions: parseCtrfOptions,
  optionsSchema: CtrfOptions,
  // The junit plugin's collect registers the copies at raw/<id>/<n>-<basename>, whatever the format.
  collect: collectJunit,
  normalize: normalizeCtrf,
  plan: planCtrf,
  validation: () => ctrfValidation(),
};

export { parseCtrf } from './parse.js';
export type { CtrfDocument, CtrfParse } from './parse.js';
