import path from 'node:path';
import { countOutcomes } from '../../src/core/index.js';
import type { Finding, TestResult } from '../../src/core/index.js';
import type { NormalizeInput, NormalizeOutput, RawArtifact } from '../../src/plugin/contract.js';
import { parseJunit } from './parse.js';
import type { JunitCase } from './parse.js';
import { caseFinding, reportErrorFinding, unexplainedFinding } from './findings.js';
import type { FindingContext } from './findings.js';
import { junitNodeId } from './node-id.js';
import { ReportPaths } from './report-paths.js';

const REPORT_ARTIFACT = /^report-(\d+)$/;

/** The ingested reports, `report-0`, `report-1`, … in order. */
export function reportArtifacts(artifacts: readonly RawArtifact[]): RawArtifact[] {
  return artifacts
    .filter((a) => REPORT_ARTIFACT.test(a.name))
    .sort((a, b) => Number(REPORT_ARTIFACT.exec(a.name)?.[1]) - Number(REPORT_ARTIFACT.exec(b.name)?.[1]));
}

/** The name a user knows a report by: its basename without the engine's `<n>-` prefix. */
export function reportLabel(artifact: RawArtifact): string {
  return path.posix.basename(artifact.path).replace(/^\d+-/, '');
}

/** JUnit reports → test results, counts and findings. Pure: reads artifacts only through `input.read`. */
export function normalizeJunit(input: NormalizeInput): NormalizeOutput {
  const out = { findings: [] as Finding[], tests: [] as TestResult[], notes: [] as string[], unreadable: 0 };
  const reports = reportArtifacts(input.collect.artifacts);
  for (const artifact of reports) ingestReport(input, artifact, out);
  const trustworthy = reports.length > 0 && out.unreadable === 0 && out.tests.length > 0;
  if (!reports.length) out.notes.push('no JUnit reports were given: nothing to count, not green');
  else if (!out.tests.length) out.notes.push('the JUnit reports contain no test cases: nothing ran, not green');
  if (out.unreadable) out.notes.push(`${out.unreadable} of ${reports.length} JUnit reports could not be read: counts are partial, not green`);
  if (out.findings.some((f) => f.kind === 'test_failure' || f.kind === 'test_error')) {
    out.notes.push('ingested reports cannot be re-run: tasks planned from them carry no validation commands');
  }
  return {
    findings: out.findings,
    tests: out.tests,
    counts: out.tests.length ? countOutcomes(out.tests) : undefined,
    trustworthy,
    notes: out.notes,
  };
}

function ingestReport(
  input: NormalizeInput,
  artifact: RawArtifact,
  out: { findings: Finding[]; tests: TestResult[]; notes: string[]; unreadable: number },
): void {
  const label = reportLabel(artifact);
  const text = input.read(artifact.name);
  const parsed = text === undefined ? { ok: false as const, error: 'file is missing from the run directory' } : parseJunit(text);
  if (!parsed.ok) {
    out.unreadable++;
    out.findings.push(reportErrorFinding(label, parsed.error, artifact.path));
    return;
  }
  for (const note of parsed.report.notes) out.notes.push(`${label}: ${note}`);
  if (parsed.report.unexplained) {
    out.unreadable++;
    out.findings.push(unexplainedFinding(label, parsed.report.unexplained, artifact.path));
  }
  if (!parsed.report.cases.length) out.notes.push(`${label}: no test cases`);
  const paths = new ReportPaths(input.repoDir);
  const ctx: FindingContext = { roots: [input.repoDir, input.runDir], artifactPath: artifact.path, signatures: new Map(), paths };
  for (const c of parsed.report.cases) {
    const nodeId = junitNodeId(c);
    out.tests.push(testResult(c, nodeId, paths));
    if (c.outcome === 'failed' || c.outcome === 'error') out.findings.push(caseFinding(c, nodeId, ctx));
  }
}

function testResult(c: JunitCase, nodeId: string, paths: ReportPaths): TestResult {
  const file = c.file === undefined ? undefined : paths.relative(c.file);
  const t: TestResult = file
    ? { tool: 'junit', nodeId, outcome: c.outcome, durationMs: c.durationMs, file }
    : { tool: 'junit', nodeId, outcome: c.outcome, durationMs: c.durationMs };
  if (c.message !== undefined && c.outcome !== 'passed') t.message = c.message;
  return t;
}
