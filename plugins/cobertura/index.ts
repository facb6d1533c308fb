import type { Plugin } from '../../src/plugin/contract.js';
import { coverageIngestPlugin } from './plugin.js';

/** Cobertura XML ingest: `atqos ingest --format cobertura FILE...`. Explicit only, never detected. */
export const coberturaPlugin: Plugin = coverageIngestPlugin({
  id: 'cobertura',
  format: 'cobertura',
  label: 'Cobertura XML',
  description: 'Reads Cobertura XML coverage reports produced elsewhere (coverage.py, pytest-cov, Cobertura, JaCoCo converters, istanbul): gaps per module against targets',
});

export { coverageIngestPlugin } from './plugin.js';
export { mergeCoverage } from './merge.js';
export { NO_TEST_RESULTS_NOTE } from './normalize.js';
export type { CoverageIngestFormat } from './normalize.js';
