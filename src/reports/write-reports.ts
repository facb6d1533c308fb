import fs from 'node:fs';
import path from 'node:path';
import { countOutcomes, emptyCounts } from '../core/index.js';
import type { TestCounts } from '../core/index.js';
import { scrubText } from '../secrets/index.js';
import type { ReportInput } from './report-input.js';
import { buildTestSummary } from './test-summary.js';
import { buildQaReport } from './qa-report.js';
import { buildSummaryMarkdown } from './summary-md.js';
import { buildSarif } from './sarif.js';
import { buildCtrf } from './ctrf.js';

/**
 * Writes a file atomically (temp + rename) so a crash never leaves half a report. Every report,
 * the publish plan and the resolved config pass here, so this is where they are scrubbed.
 */
export function writeFileAtomic(file: string, data: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, scrubText(data));
  fs.renameSync(tmp, file);
}

/**
 * Counts for the run: the tools' own reconciled counts when every tool gave them, else the tests
 * seen. Audits (re-runs, skip audits) bring no counts and are left out.
 */
export function runCounts(input: ReportInput): TestCounts {
  const fromTests = countOutcomes(input.tests);
  const toolCounts = input.tools.filter((t) => !t.audit).map((t) => t.counts);
  if (toolCounts.length === 0 || toolCounts.some((c) => c === undefined)) return fromTests;
  return toolCounts.reduce<TestCounts>((acc, c) => {
    const x = c as TestCounts;
    return {
      total: acc.total + x.total, passed: acc.passed + x.passed, failed: acc.failed + x.failed,
      errors: acc.errors + x.errors, skipped: acc.skipped + x.skipped, xfailed: acc.xfailed + x.xfailed,
      xpassed: acc.xpassed + x.xpassed, durationMs: acc.durationMs + x.durationMs,
    };
  }, emptyCounts());
}

/** Writes findings.json and reports/* into the run dir; returns run-dir-relative paths. */
export function writeReports(runDir: string, input: ReportInput): string[] {
  const counts = runCounts(input);
  const files: [string, string][] = [
    ['findings.json', JSON.stringify(input.findings, null, 2)],
    ['reports/test-summary.json', JSON.stringify(buildTestSummary(input, counts), null, 2)],
    ['reports/qa-report.json', JSON.stringify(buildQaReport(input), null, 2)],
    ['reports/summary.md', buildSummaryMarkdown(input, counts)],
    ['reports/findings.sarif', JSON.stringify(buildSarif(input), null, 2)],
    ['reports/ctrf.json', JSON.stringify(buildCtrf(input), null, 2)],
  ];
  for (const [rel, text] of files) writeFileAtomic(path.join(runDir, rel), `${text}\n`);
  return files.map(([rel]) => rel);
}
