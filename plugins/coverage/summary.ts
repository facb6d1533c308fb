import { round2 } from './findings.js';
import type { ModuleEntry } from './inventory.js';
import { lineRanges } from './line-ranges.js';

/** `reports/coverage-gap-summary.json`, the PRD-78 gap finder contract. */
export interface CoverageGapSummary {
  generated_at: string;
  totals: { percent: number; statements: number; missing: number };
  module_inventory: { module: string; path: string; percent: number; statements: number; missing: number; target: number; status: string }[];
  covered_modules: { module: string; path: string; percent: number; target: number }[];
  missing_modules: { module: string; path: string; percent: number; target: number; reason: string }[];
  action_items: { module: string; path: string; gap: number; priority: number; reason: string }[];
}

function reason(e: ModuleEntry, churnDays: number): string {
  const parts = [
    ...(e.critical ? ['critical module'] : []),
    e.status === 'no_tests' ? 'no test executes it' : `${e.gapStatements} more statement(s) to cover to reach ${e.target}%`,
    ...(e.churn ? [`${e.churn} commit(s) in the last ${churnDays} days`] : []),
    ...(e.status !== 'no_tests' && e.file.missing.length ? [`missing lines ${lineRanges(e.file.missing).slice(0, 8).join(', ')}`] : []),
    ...(e.importedEarly ? ['imported before coverage started: fix the measurement first'] : []),
  ];
  return parts.join('; ');
}

/**
 * The summary of one coverage run: totals, the inventory (by path), covered and missing modules,
 * and an action item per gap in task order (`priorities` from `rankGaps`). Deterministic.
 */
export function gapSummary(entries: readonly ModuleEntry[], priorities: ReadonlyMap<string, number>, generatedAt: string, churnDays: number): CoverageGapSummary {
  const statements = entries.reduce((n, e) => n + e.file.statements, 0);
  const missing = entries.reduce((n, e) => n + e.file.missing.length, 0);
  const below = entries.filter((e) => e.status !== 'covered');
  return {
    generated_at: generatedAt,
    totals: { percent: statements ? round2((100 * (statements - missing)) / statements) : 100, statements, missing },
    module_inventory: entries.map((e) => ({ module: e.module, path: e.path, percent: round2(e.file.percent), statements: e.file.statements, missing: e.file.missing.length, target: e.target, status: e.status })),
    covered_modules: entries.filter((e) => e.status === 'covered').map((e) => ({ module: e.module, path: e.path, percent: round2(e.file.percent), target: e.target })),
    missing_modules: below.map((e) => ({ module: e.module, path: e.path, percent: round2(e.file.percent), target: e.target, reason: e.status })),
    action_items: below
      .map((e) => ({ module: e.module, path: e.path, gap: round2(e.target - e.file.percent), priority: priorities.get(e.path) ?? Number.MAX_SAFE_INTEGER, reason: reason(e, churnDays) }))
      .sort((a, b) => a.priority - b.priority || a.path.localeCompare(b.path)),
  };
}
