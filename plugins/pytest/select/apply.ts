import type { Finding } from '../../../src/core/index.js';
import { emptyCounts } from '../../../src/core/index.js';
import type { NormalizeOutput } from '../../../src/plugin/contract.js';
import { HEALTH_REPORT, healthReport } from './health.js';
import type { SelectionRecord } from './record.js';
import { selectionNote } from './record.js';
import { tierOf } from './tiers.js';

/** What normalize hands over besides its output: the run's start and each test's markers. */
export interface SelectionContext {
  runStartedAtMs: number;
  markers: ReadonlyMap<string, readonly string[]>;
  exitCode: number | null | undefined;
}

/** A finding's risk tier in `evidence.details.riskTier` (from its test file, code and markers). */
function withTier(f: Finding, record: SelectionRecord, markers: SelectionContext['markers']): Finding {
  const files = [f.scope.file, f.scope.nodeId?.split('::')[0], ...f.evidence.sourceFiles].filter((x): x is string => !!x);
  const tier = tierOf({ files, markers: (f.scope.nodeId && markers.get(f.scope.nodeId)) || [] }, record.riskTiers);
  return tier ? { ...f, evidence: { ...f.evidence, details: { ...f.evidence.details, riskTier: tier } } } : f;
}

/** The output for a selection that ran nothing: no counts to trust beyond "zero", and why. */
export function nothingRan(): NormalizeOutput {
  return { findings: [], tests: [], counts: emptyCounts(), trustworthy: true, notes: [] };
}

/**
 * Folds the lane's selection into normalize's output: a note saying what ran and why, risk tiers
 * on findings (plan orders by them), and the health lane's report. Pure.
 */
export function applySelection(out: NormalizeOutput, record: SelectionRecord | undefined, ctx: SelectionContext): NormalizeOutput {
  if (!record) return out;
  // A lane that simply runs the whole suite needs no note; any selection or fallback gets one.
  const plain = record.mode === 'full' && !record.impact && record.tiers.length === 0 && record.lane !== 'health';
  const notes = [...(plain ? [] : [selectionNote(record)]), ...(record.impact?.notes.slice(0, 10) ?? []), ...out.notes];
  if (ctx.exitCode === 5 && record.mode === 'subset') notes.push('the selection matched no test that pytest collected (exit 5)');
  const findings = out.findings.map((f) => withTier(f, record, ctx.markers));
  const result: NormalizeOutput = { ...out, findings, notes };
  if (record.lane !== 'health') return result;
  const report = healthReport({ record, tests: out.tests, findings, counts: out.counts, trustworthy: out.trustworthy, runStartedAtMs: ctx.runStartedAtMs, markers: ctx.markers });
  return { ...result, reports: { ...out.reports, [HEALTH_REPORT]: report } };
}
