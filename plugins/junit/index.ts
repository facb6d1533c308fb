import type { Plugin } from '../../src/plugin/contract.js';
import { collectJunit } from './collect.js';
import { normalizeJunit } from './normalize.js';
import { JunitOptions, parseJunitOptions } from './options.js';
import { junitValidation, planJunit } from './plan.js';

/** Generic JUnit XML ingest: `atqos ingest --format junit FILE...`. Explicit only, never detected. */
export const junitPlugin: Plugin = {
  id: 'junit',
  ingest: true,
  description: 'Reads JUnit XML reports produced elsewhere (pytest, jest-junit, Surefire, go-junit-report, Playwright, behave)',
  detect: async () => false,
  parseOptions: parseJunitOptions,
  optionsSchema: JunitOptions,
  collect: collectJunit,
  normalize: normalizeJunit,
  plan: planJunit,
  validation: () => junitValidation(),
};

export { parseJunit, junitXmlOptions } from './parse.js';
export type { JunitCase, JunitReport, JunitParse } from './parse.js';
