import type { TestCounts } from '../../src/core/index.js';
import type { NormalizeInput, NormalizeOutput } from '../../src/plugin/contract.js';
import { problemFindings } from './findings.js';
import { parseEslintReport } from './report.js';
import type { ParsedEslintReport } from './report.js';
import { parseOptions } from './schema.js';
import { judgeRun } from './trust.js';

function readReport(input: NormalizeInput): { report?: ParsedEslintReport; error?: string } {
  const text = input.read('report');
  if (text === undefined) return {};
  const parsed = parseEslintReport(text);
  return parsed.ok ? { report: parsed.report } : { error: parsed.error };
}

/**
 * Linted files as checks, so a clean lint is green and not "nothing ran": a file with an
 * error-level problem failed, one that cannot be parsed errored, any other passed.
 */
function fileCounts(report: ParsedEslintReport): TestCounts {
  const counts: TestCounts = { total: 0, passed: 0, failed: 0, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, durationMs: 0 };
  for (const f of report.files) {
    counts.total += 1;
    if (f.messages.some((m) => m.fatal)) counts.errors += 1;
    else if (f.messages.some((m) => m.severity >= 2)) counts.failed += 1;
    else counts.passed += 1;
  }
  return counts;
}

/**
 * eslint's JSON report + exit status → one finding per problem. Pure. A crash (exit 2), a
 * missing, stale or unreadable report, or nothing linted is never trustworthy.
 */
export function normalize(input: NormalizeInput): NormalizeOutput {
  const options = parseOptions(input.options);
  const { report, error } = readReport(input);
  const artifacts = input.collect.artifacts.filter((a) => a.exists).map((a) => ({ path: a.path, description: `eslint ${a.name}` }));
  const runProblems = judgeRun({
    exec: input.collect.exec,
    report: input.collect.artifacts.find((a) => a.name === 'report'),
    reportError: error,
    runStartedAtMs: input.runStartedAtMs,
    stdout: input.read('stdout'),
    stderr: input.read('stderr'),
    filesLinted: report?.files.length ?? 0,
    errors: report?.files.reduce((n, f) => n + f.messages.filter((m) => m.severity >= 2).length, 0) ?? 0,
    timeoutSec: options.timeoutSec,
    artifacts: artifacts.map((a) => a.path),
  });
  // A stale report describes some other run: nothing in it is evidence about this one.
  const stale = runProblems.some((f) => f.evidence.details?.['runProblem'] === 'stale-report');
  const usable = report && !stale ? report : undefined;
  const findings = usable ? problemFindings(usable.files, { repoDir: input.repoDir, runDir: input.runDir, ruleUrls: usable.ruleUrls, artifacts }) : [];
  const trustworthy = runProblems.length === 0;
  return {
    findings: [...runProblems, ...findings],
    tests: [],
    counts: trustworthy && usable ? fileCounts(usable) : undefined,
    trustworthy,
    notes: usable?.notes.slice(0, 20) ?? [],
  };
}
