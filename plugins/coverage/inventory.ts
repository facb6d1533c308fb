import { matchGlob } from '../../src/guards/glob.js';
import type { CoverageData, FileCoverage } from './formats/index.js';
import type { ImpactMap } from './impact-map.js';
import { importedBeforeCoverage } from './import-time.js';
import type { CoverageOptions } from './schema.js';
import { targetFor } from './schema.js';

export type ModuleStatus = 'covered' | 'below_target' | 'no_tests';

/** One measured source module with everything a gap finding and the summary need. */
export interface ModuleEntry {
  module: string;
  path: string;
  file: FileCoverage;
  target: number;
  status: ModuleStatus;
  critical: boolean;
  churn: number;
  /** Tests whose contexts executed lines in it; undefined without per-test contexts. */
  testedBy: number | undefined;
  importedEarly: boolean;
  /** Statements still to cover to reach the target (0 when covered). */
  gapStatements: number;
}

const PYTEST_TEST_FILE = /(?:^|\/)(?:test_[^/]*|[^/]*_test|conftest)\.py$/;

/** Test code is not measured as source even when no `source` limited the measurement. */
export function looksLikeTestFile(path: string): boolean {
  return PYTEST_TEST_FILE.test(path) || /(?:^|\/)tests?\//.test(path);
}

/** `src/shop/cart.py` → `shop.cart`; `pkg/__init__.py` → `pkg`. */
export function moduleName(path: string): string {
  return path.replace(/^src\//, '').replace(/\.pyw?$/, '').replace(/\/__init__$/, '').split('/').join('.');
}

function testsPerFile(map: ImpactMap | undefined): Map<string, number> | undefined {
  if (!map) return undefined;
  const counts = new Map<string, number>();
  for (const files of Object.values(map.tests)) for (const f of Object.keys(files)) counts.set(f, (counts.get(f) ?? 0) + 1);
  return counts;
}

/**
 * The module inventory: every measured non-test file with statements, its target (first matching
 * `targets` glob, else `defaultTarget`), status and ranking inputs; sorted by path. Pure.
 */
export function buildInventory(data: CoverageData, options: CoverageOptions, churn: ReadonlyMap<string, number>, impact: ImpactMap | undefined): ModuleEntry[] {
  const tested = testsPerFile(impact);
  const out: ModuleEntry[] = [];
  for (const [path, file] of Object.entries(data.files)) {
    if (file.statements === 0 || looksLikeTestFile(path)) continue;
    const target = targetFor(path, options, matchGlob);
    const testedBy = tested ? (tested.get(path) ?? 0) : undefined;
    const untested = testedBy === 0 || file.executed.length === 0;
    const covered = file.percent >= target;
    const gapStatements = covered ? 0 : Math.max(1, Math.ceil((target * file.statements) / 100) - (file.statements - file.missing.length));
    out.push({
      module: moduleName(path), path, file, target,
      status: covered ? 'covered' : untested ? 'no_tests' : 'below_target',
      critical: options.critical.some((g) => matchGlob(g, path)),
      churn: churn.get(path) ?? 0,
      testedBy,
      importedEarly: importedBeforeCoverage(file),
      gapStatements,
    });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
