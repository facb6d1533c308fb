import { countOutcomes } from '../../src/core/index.js';
import type { TestCounts } from '../../src/core/index.js';
import type { NormalizeInput, NormalizeOutput } from '../../src/plugin/contract.js';
import { failureFinding } from './findings.js';
import { parseVitestReport } from './report.js';
import type { VitestFile } from './report.js';
import { joinResults } from './results.js';
import type { Joined } from './results.js';
import { parseOptions } from './schema.js';
import { judgeRun } from './trust.js';

function readReport(input: NormalizeInput): { files: VitestFile[]; error?: string; notes: string[]; declaredTotal?: number } {
  const text = input.read('report');
  if (text === undefined) return { files: [], notes: [] };
  const parsed = parseVitestReport(text);
  if (!parsed.ok) return { files: [], error: parsed.error, notes: [] };
  return { files: parsed.report.files, notes: parsed.report.notes, declaredTotal: parsed.report.numTotalTests };
}

function readImports(input: NormalizeInput, notes: string[]): Record<string, string[]> {
  const text = input.read('imports');
  if (text === undefined) return {};
  try {
    const raw: unknown = JSON.parse(text);
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('not an object');
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []]));
  } catch {
    notes.push('imports.json is unreadable: fix tasks know only the files in the failure stacks');
    return {};
  }
}

/** Parametrized or repeated failures keep their own fingerprints; exact repeats collapse. */
function dedupe<T extends { fingerprint: string }>(findings: T[]): T[] {
  const seen = new Set<string>();
  return findings.filter((f) => !seen.has(f.fingerprint) && seen.add(f.fingerprint));
}

/** Test outcomes, plus each test file that could not load as one error. */
function countsOf(joined: Joined): TestCounts {
  const counts = countOutcomes(joined.tests);
  const fileErrors = joined.failures.filter((f) => !f.nodeId).length;
  return { ...counts, errors: counts.errors + fileErrors, total: counts.total + fileErrors };
}

/**
 * vitest's JSON report + exit status → findings, test results and counts. Pure. A run that
 * crashed, ran nothing or left no fresh, readable report is never trustworthy, and a finding
 * says why.
 */
export function normalize(input: NormalizeInput): NormalizeOutput {
  const options = parseOptions(input.options);
  const report = readReport(input);
  const notes = [...report.notes];
  const joined = joinResults(report.files, input.repoDir);
  notes.push(...joined.notes.slice(0, 20));
  if (report.declaredTotal !== undefined && report.declaredTotal !== joined.tests.length) {
    notes.push(`the report declares ${report.declaredTotal} tests but lists ${joined.tests.length}`);
  }
  const artifacts = input.collect.artifacts.filter((a) => a.exists).map((a) => ({ path: a.path, description: `vitest ${a.name}` }));
  const runProblems = judgeRun({
    exec: input.collect.exec,
    report: input.collect.artifacts.find((a) => a.name === 'report'),
    reportError: report.error,
    runStartedAtMs: input.runStartedAtMs,
    stdout: input.read('stdout'),
    stderr: input.read('stderr'),
    testsRun: joined.tests.length,
    failures: joined.failures.length,
    timeoutSec: options.timeoutSec,
    artifacts: artifacts.map((a) => a.path),
  });
  // A stale report describes some other run: nothing in it is evidence about this one.
  const stale = runProblems.some((f) => f.evidence.details?.['runProblem'] === 'stale-report');
  const ctx = { repoDir: input.repoDir, runDir: input.runDir, imports: readImports(input, notes), artifacts };
  const failures = stale ? [] : joined.failures.map((f) => failureFinding(f, ctx));
  const trustworthy = runProblems.length === 0;
  return {
    findings: [...runProblems, ...dedupe(failures)],
    tests: stale ? [] : joined.tests,
    counts: trustworthy ? countsOf(joined) : undefined,
    trustworthy,
    notes,
  };
}
