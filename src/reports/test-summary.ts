import type { TestCounts } from '../core/index.js';
import type { ReportInput } from './report-input.js';

/** `reports/test-summary.json` (PRD-78 contract; snake_case field names are the contract's). */
export function buildTestSummary(input: ReportInput, counts: TestCounts) {
  const byNode = new Map(input.findings.filter((f) => f.scope.nodeId).map((f) => [`${f.tool}\u0000${f.scope.nodeId}`, f]));
  const failures = input.tests
    .filter((t) => t.outcome === 'failed' || t.outcome === 'error')
    .map((t) => {
      const f = byNode.get(`${t.tool}\u0000${t.nodeId}`);
      return {
        nodeid: t.nodeId,
        tool: t.tool,
        outcome: t.outcome,
        file: t.file ?? f?.scope.file ?? null,
        line: f?.scope.line ?? null,
        assertion_message: f?.evidence.assertionMessage ?? t.message ?? null,
        exception_type: f?.evidence.exceptionType ?? null,
        category: f?.category ?? null,
        source_files: f?.evidence.sourceFiles ?? [],
        fingerprint: f?.fingerprint ?? null,
      };
    });
  return {
    schema: 'atqos/test-summary@1',
    run_id: input.run.id,
    conclusion: input.run.conclusion ?? null,
    trustworthy: input.tools.every((t) => t.trustworthy),
    total: counts.total,
    passed: counts.passed,
    failed: counts.failed,
    errors: counts.errors,
    skipped: counts.skipped,
    xfailed: counts.xfailed,
    xpassed: counts.xpassed,
    duration: Math.round(counts.durationMs) / 1000,
    collection_errors: input.findings.filter((f) => f.kind === 'collection_error').length,
    tools: input.tools.map((t) => ({ plugin: t.plugin, exit_code: t.exitCode, trustworthy: t.trustworthy, notes: t.notes })),
    failures,
  };
}
