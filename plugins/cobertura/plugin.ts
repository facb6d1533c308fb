import type { ValidationSpec } from '../../src/core/index.js';
import type { Plugin } from '../../src/plugin/contract.js';
import { coverageIngestCollector } from './collect.js';
import { coverageIngestNormalizer } from './normalize.js';
import type { CoverageIngestFormat } from './normalize.js';
import { CoverageIngestOptions, coverageIngestOptionsParser } from './options.js';

/** Ingested coverage cannot be re-measured here: no command proves an added test. */
const NO_VALIDATION: ValidationSpec = { commands: [], expect: 'exit-zero', repeat: 1 };

/**
 * A coverage report ingest plugin (`atqos ingest --format <id> FILE...`). Explicit only, never
 * detected. It plans no task: a gap it finds carries the coverage plugin's fingerprint, so where
 * the coverage plugin runs, that plugin plans (and proves) the `add_test` for it.
 */
export function coverageIngestPlugin(fmt: CoverageIngestFormat & { description: string }): Plugin {
  return {
    id: fmt.id,
    ingest: true,
    description: fmt.description,
    detect: async () => false,
    parseOptions: coverageIngestOptionsParser(fmt.id),
    optionsSchema: CoverageIngestOptions,
    collect: coverageIngestCollector(fmt.id),
    normalize: coverageIngestNormalizer(fmt),
    plan: () => [],
    validation: () => NO_VALIDATION,
  };
}
