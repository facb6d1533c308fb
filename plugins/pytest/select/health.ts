import type { Finding, TestCounts, TestResult } from '../../../src/core/index.js';
import { countOutcomes } from '../../../src/core/index.js';
import type { RiskTierName } from '../../../src/config/schema.js';
import type { SelectionRecord } from './record.js';
import type { RiskTiers } from './tiers.js';
import { tierOf, tierRank } from './tiers.js';

/** Report file name of the health lane (PRD-78 contract). */
export const HEALTH_REPORT = 'health-regression-summary.json';

const HIGH_SIGNAL = new Set<Finding['kind']>(['test_failure', 'test_error', 'collection_error']);

export interface HealthInput {
  record: SelectionRecord;
  tests: readonly TestResult[];
  findings: readonly Finding[];
  counts: TestCounts | undefined;
  trustworthy: boolean;
  runStartedAtMs: number;
  /** Marker names per node id (from the inventory). */
  markers: ReadonlyMap<string, readonly string[]>;
}

const byTierThen = <T extends { tier: RiskTierName | null }>(key: (x: T) => string) => (a: T, b: T) =>
  tierRank(a.tier ?? undefined) - tierRank(b.tier ?? undefined) || key(a).localeCompare(key(b));

function tierOfTarget(target: string, tiers: RiskTiers, markers: HealthInput['markers']): RiskTierName | null {
  return tierOf({ files: [target.split('::')[0]!], markers: markers.get(target) ?? [] }, tiers) ?? null;
}

/**
 * `reports/health-regression-summary.json`: the targeted suite's counts and how it was chosen, the
 * curated targets with their tier, and the failures most critical first. Deterministic: sorted by
 * tier then id; the time is the run's start. Pure.
 */
export function healthReport(input: HealthInput): Record<string, unknown> {
  const { record } = input;
  const tiers = record.riskTiers;
  const counts = input.counts ?? countOutcomes(input.tests);
  const listed = record.targets.length ? record.targets : input.tests.map((t) => t.nodeId);
  const curated = [...new Set(listed)].map((target) => ({ target, tier: tierOfTarget(target, tiers, input.markers) })).sort(byTierThen((x) => x.target));
  const seen = new Set<string>();
  const failures = input.findings
    .filter((f) => HIGH_SIGNAL.has(f.kind))
    .map((f) => {
      const tier = f.evidence.details?.['riskTier'];
      return {
        nodeid: f.scope.nodeId ?? f.scope.file ?? '',
        tier: typeof tier === 'string' ? (tier as RiskTierName) : null,
        category: f.category,
        assertion_message: f.evidence.assertionMessage ?? f.message,
        source_files: [...f.evidence.sourceFiles].sort(),
      };
    })
    .filter((f) => !seen.has(`${f.nodeid}\u0000${f.category}`) && seen.add(`${f.nodeid}\u0000${f.category}`))
    .sort(byTierThen((x) => x.nodeid));
  return {
    generated_at: new Date(input.runStartedAtMs).toISOString(),
    lane: record.lane,
    targeted_suite: {
      selection: { mode: record.mode, tiers: record.tiers, markers: record.markers ?? null, targets: record.targets.length, reasons: record.reasons },
      trustworthy: input.trustworthy,
      total: counts.total,
      passed: counts.passed,
      failed: counts.failed,
      errors: counts.errors,
      skipped: counts.skipped,
      duration_s: Math.round(counts.durationMs) / 1000,
    },
    curated_targets: curated,
    high_signal_failures: failures,
  };
}
