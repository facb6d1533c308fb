import { countOutcomes } from '../../src/core/index.js';
import type { Finding, TestResult } from '../../src/core/index.js';
import type { NormalizeInput, NormalizeOutput, RawArtifact } from '../../src/plugin/contract.js';
import { reportProblemFinding } from '../cobertura/report-finding.js';
import { reportArtifacts, reportLabel } from '../junit/normalize.js';
import { ReportPaths } from '../junit/report-paths.js';
import { reconcileNotes, unexplainedFailures } from './declared.js';
import { failureFinding, flakyFinding } from './findings.js';
import type { CtrfFindingContext } from './findings.js';
import { ctrfNodeId } from './node-id.js';
import { parseCtrf } from './parse.js';
import type { CtrfDocument } from './parse.js';
import { ctrfOutcome, passedAfterRetry } from './outcome.js';
import { parseCtrfOptions } from './options.js';

const TOOL_NAME_CHARS = 100;

interface Acc { findings: Finding[]; tests: TestResult[]; notes: string[]; unreadable: number }

function problem(out: Acc, label: string, key: string, title: string, message: string, artifact: RawArtifact): void {
  out.unreadable++;
  out.findings.push(reportProblemFinding('ctrf', label, key, title, message, [{ path: artifact.path, description: 'CTRF report' }]));
}

function checkDocument(doc: CtrfDocument, label: string, artifact: RawArtifact, out: Acc): void {
  for (const note of [...doc.notes, ...reconcileNotes(doc.summary, doc.tests)]) out.notes.push(`${label}: ${note}`);
  if (doc.bad.length) {
    const first = doc.bad[0]!;
    problem(out, label, 'entries that are not tests', `CTRF report ${label} has entries that are not tests`,
      `${label}: ${doc.bad.length} entr${doc.bad.length === 1 ? 'y' : 'ies'} of results.tests could not be read (first: #${first.index}, ${first.reason}); one of them may be a failure, so the report is not trusted. Fix the producer or its version, then ingest again.`, artifact);
  }
  const unexplained = unexplainedFailures(doc.summary, doc.tests);
  if (unexplained) {
    problem(out, label, 'unexplained failures', `CTRF report ${label} declares failures its tests do not show`,
      `${label}: results.summary declares ${unexplained} more failed test(s) than results.tests lists — typically a test file that crashed before reporting its tests, or a report cut short. Run that suite and fix it; the report is not trusted until then.`, artifact);
  }
}

function ingestReport(input: NormalizeInput, artifact: RawArtifact, out: Acc): void {
  const label = reportLabel(artifact);
  const text = input.read(artifact.name);
  const parsed = text === undefined ? { ok: false as const, error: 'file is missing from the run directory' } : parseCtrf(text);
  if (!parsed.ok) {
    problem(out, label, parsed.error, `CTRF report ${label} could not be read`,
      `${label}: ${parsed.error}. Its tests are not counted; check that the test tool finished and wrote a complete CTRF JSON report, then ingest it again.`, artifact);
    return;
  }
  const { doc } = parsed;
  checkDocument(doc, label, artifact, out);
  if (!doc.tests.length) out.notes.push(`${label}: no tests`);
  const tool = doc.tool?.slice(0, TOOL_NAME_CHARS) ?? 'ctrf';
  const paths = new ReportPaths(input.repoDir);
  const ctx: CtrfFindingContext = { tool, roots: [input.repoDir, input.runDir], artifactPath: artifact.path, paths };
  for (const t of doc.tests) {
    const nodeId = ctrfNodeId(t);
    const outcome = ctrfOutcome(t);
    const file = t.filePath === undefined ? undefined : paths.relative(t.filePath);
    const result: TestResult = { tool, nodeId, outcome, durationMs: t.duration ?? 0, ...(file ? { file } : {}) };
    if (outcome !== 'passed' && t.message !== undefined) result.message = t.message;
    out.tests.push(result);
    if (outcome === 'failed' || outcome === 'error') out.findings.push(failureFinding(t, nodeId, outcome, ctx));
    else if (passedAfterRetry(t)) out.findings.push(flakyFinding(t, nodeId, ctx));
  }
}

/** CTRF reports → test results, counts and findings. Pure: reads artifacts only through `input.read`. */
export function normalizeCtrf(input: NormalizeInput): NormalizeOutput {
  parseCtrfOptions(input.options);
  const out: Acc = { findings: [], tests: [], notes: [], unreadable: 0 };
  const reports = reportArtifacts(input.collect.artifacts);
  for (const artifact of reports) ingestReport(input, artifact, out);
  if (!reports.length) out.notes.push('no CTRF reports were given: nothing to count, not green');
  else if (!out.tests.length) out.notes.push('the CTRF reports list no tests: nothing ran, not green');
  if (out.unreadable) out.notes.push(`${out.unreadable} problem(s) with the CTRF reports: counts may be partial, not green`);
  if (out.findings.some((f) => f.kind === 'test_failure' || f.kind === 'test_error')) {
    out.notes.push('ingested reports cannot be re-run: tasks planned from them carry no validation commands');
  }
  return {
    findings: out.findings,
    tests: out.tests,
    counts: out.tests.length ? countOutcomes(out.tests) : undefined,
    trustworthy: reports.length > 0 && out.unreadable === 0 && out.tests.length > 0,
    notes: out.notes,
  };
}
