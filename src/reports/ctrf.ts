import type { TestOutcome, TestResult } from '../core/index.js';
import type { ReportInput } from './report-input.js';

/** CTRF's five statuses; what each of ours maps to (the original stays in `rawStatus`). */
const STATUS: Record<TestOutcome, 'passed' | 'failed' | 'skipped' | 'pending' | 'other'> = {
  passed: 'passed', failed: 'failed', error: 'failed', skipped: 'skipped', xfailed: 'skipped', xpassed: 'passed',
};

function ctrfTest(t: TestResult, flaky: ReadonlySet<string>): Record<string, unknown> {
  const name = t.nodeId || '(unnamed test)';
  return {
    testId: `${t.tool}:${name}`,
    name,
    status: STATUS[t.outcome],
    rawStatus: t.outcome,
    duration: Math.round(t.durationMs),
    ...(t.file ? { filePath: t.file } : {}),
    ...(t.message ? { message: t.message } : {}),
    ...(flaky.has(t.nodeId) ? { flaky: true } : {}),
    extra: { tool: t.tool },
  };
}

/**
 * The run's test results as a CTRF document (Common Test Report Format, spec 0.0.0), for any
 * CTRF consumer. Every test of every tool; findings of kind flaky_test mark their test flaky.
 */
export function buildCtrf(input: ReportInput): Record<string, unknown> {
  // A flaky finding may come from another plugin than the test's (a rerun plugin): match by test id.
  const flaky = new Set(input.findings.filter((f) => f.kind === 'flaky_test' && f.scope.nodeId).map((f) => f.scope.nodeId as string));
  const tests = input.tests.map((t) => ctrfTest(t, flaky));
  const count = (s: string): number => tests.filter((t) => t['status'] === s).length;
  const start = Date.parse(input.run.startedAt);
  const stop = input.run.finishedAt ? Date.parse(input.run.finishedAt) : start;
  const tools = [...new Set(input.tools.map((t) => t.plugin))];
  return {
    reportFormat: 'CTRF',
    specVersion: '0.0.0',
    runId: input.run.id,
    timestamp: input.run.finishedAt ?? input.run.startedAt,
    generatedBy: 'atqos',
    results: {
      tool: { name: tools.length === 1 ? (tools[0] as string) : 'atqos', extra: { plugins: tools } },
      summary: {
        tests: tests.length, passed: count('passed'), failed: count('failed'), skipped: count('skipped'), pending: count('pending'), other: count('other'),
        flaky: tests.filter((t) => t['flaky'] === true).length, start, stop, duration: Math.max(0, stop - start),
      },
      tests,
      environment: { ...(input.run.baseSha ? { commit: input.run.baseSha } : {}), extra: { lane: input.run.lane } },
    },
    extra: { conclusion: input.run.conclusion ?? null, status: input.run.status },
  };
}
