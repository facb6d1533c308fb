import { buildInventory } from '../coverage/inventory.js';
import type { ModuleEntry } from '../coverage/inventory.js';
import type { CoverageData } from '../coverage/formats/index.js';
import type { CoverageOptions } from '../coverage/schema.js';

const PYTHON = /\.pyw?$/;
// Test files of other ecosystems, which the coverage plugin (Python only) does not know about.
const OTHER_TEST_FILE = /(?:^|\/)__tests__\/|\.(?:test|spec)\.[cm]?[jt]sx?$|(?:^|\/)src\/test\/|Tests?\.(?:java|kt|cs)$|_test\.go$/;

/**
 * The coverage plugin's module inventory for an ingested report, made language-neutral: test
 * files of any ecosystem are left out, a non-Python file is named by its path (not a dotted
 * module), and the import-time check (a Python measurement artifact) applies to Python only.
 */
export function ingestInventory(data: CoverageData, options: CoverageOptions, churn: ReadonlyMap<string, number>): ModuleEntry[] {
  return buildInventory(data, options, churn, undefined)
    .filter((e) => !OTHER_TEST_FILE.test(e.path))
    .map((e) => (PYTHON.test(e.path) ? e : { ...e, module: e.path, importedEarly: false }));
}
