import type { Plugin } from '../../src/plugin/contract.js';
import { coverageIngestPlugin } from '../cobertura/plugin.js';

/** LCOV tracefile ingest: `atqos ingest --format lcov FILE...`. Explicit only, never detected. */
export const lcovPlugin: Plugin = coverageIngestPlugin({
  id: 'lcov',
  format: 'lcov',
  label: 'LCOV',
  description: 'Reads LCOV tracefiles produced elsewhere (coverage.py, c8, nyc/istanbul, lcov, gcov): gaps per module against targets',
});
