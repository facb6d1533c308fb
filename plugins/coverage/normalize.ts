import type { ArtifactRef, Finding } from '../../src/core/index.js';
import type { NormalizeInput, NormalizeOutput } from '../../src/plugin/contract.js';
import { parseChurn } from './churn.js';
import { gapFinding, obsoleteFinding, runProblemFinding } from './findings.js';
import { parseCoverageReport } from './formats/index.js';
import type { CoverageData } from './formats/index.js';
import type { ImpactMap } from './impact-map.js';
import { IMPORT_TIME_ADVICE } from './import-time.js';
import { buildInventory } from './inventory.js';
import type { ModuleEntry } from './inventory.js';
import { rankGaps } from './priority.js';
import { readImpactMap } from './read-impact-map.js';
import { parseOptions } from './schema.js';
import type { CoverageOptions } from './schema.js';
import { gapSummary } from './summary.js';
import { parseTestsRecord } from './tests-record.js';
import type { CoverageTestsRecord } from './tests-record.js';
import { judgeCoverageRun } from './trust.js';

const untrusted = (findings: Finding[], notes: string[]): NormalizeOutput => ({ findings, tests: [], counts: undefined, trustworthy: false, notes });

function readReport(input: NormalizeInput, options: CoverageOptions): { data?: CoverageData; error?: string; name: string } {
  const name = options.report ? 'report' : 'coverageJson';
  const text = input.read(name);
  if (text === undefined) return { name };
  const parsed = parseCoverageReport(text, options.report?.format ?? 'coverage-json', { repoDir: input.repoDir });
  return parsed.ok ? { data: parsed.data, name } : { error: parsed.error, name };
}

/**
 * Passing tests whose contexts executed no measured line; only when contexts demonstrably worked.
 * An xpassed test passed under an xfail (an ATQOS quarantine): still obsolete, flagged as such so
 * that it is not quarantined again and its quarantine can end in deletion.
 */
function obsoleteTests(impact: ImpactMap | undefined, tests: CoverageTestsRecord | undefined, notes: string[]): { nodeId: string; xpassed: boolean }[] {
  if (!impact || !tests) return [];
  if (Object.keys(impact.tests).length === 0) {
    if (tests.tests.length) notes.push('per-test coverage contexts recorded no test at all: obsolete-test detection skipped (is the context switch working with this coverage.py?)');
    return [];
  }
  return tests.tests
    .filter((t) => (t.outcome === 'passed' || t.outcome === 'xpassed') && !impact.tests[t.nodeId])
    .map((t) => ({ nodeId: t.nodeId, xpassed: t.outcome === 'xpassed' }))
    .sort((a, b) => a.nodeId.localeCompare(b.nodeId));
}

function measuredRoots(entries: readonly ModuleEntry[]): string {
  const dirs = [...new Set(entries.map((e) => e.path.split('/').slice(0, -1).join('/') || '.'))].sort();
  return dirs.slice(0, 5).join(', ') + (dirs.length > 5 ? ', …' : '');
}

/**
 * The coverage report (+ per-test contexts, test outcomes, churn) → module inventory,
 * `coverage_gap` and `obsolete_test` findings and `coverage-gap-summary.json`. Pure. A run that
 * crashed, wrote no or a stale report, or ran no test is never trustworthy and yields no gaps.
 */
export function normalize(input: NormalizeInput): NormalizeOutput {
  const options = parseOptions(input.options);
  const report = readReport(input, options);
  const tests = parseTestsRecord(input.read('tests'));
  const artifactOf = (name: string): ArtifactRef[] => input.collect.artifacts.filter((a) => a.name === name && a.exists).map((a) => ({ path: a.path, description: `coverage ${name}` }));
  const problems = judgeCoverageRun({
    suite: input.collect.exec,
    reportMode: options.report !== undefined,
    report: input.collect.artifacts.find((a) => a.name === report.name),
    reportError: report.error,
    runStartedAtMs: input.runStartedAtMs,
    stderr: input.read('stderr') ?? '',
    jsonStderr: input.read('jsonStderr') ?? '',
    tests,
    timeoutSec: options.timeoutSec,
    python: options.python,
  });
  const notes: string[] = [];
  if (problems.length || !report.data) {
    return untrusted(problems.map((p) => runProblemFinding(p, [...artifactOf('stdout'), ...artifactOf('stderr')])), notes);
  }
  const data = report.data;
  notes.push(...data.notes.slice(0, 10));
  if (data.outside.length) notes.push(`${data.outside.length} measured file(s) outside the repo ignored`);
  const failed = tests?.tests.filter((t) => t.outcome === 'failed').length ?? 0;
  if (failed) notes.push(`${failed} test(s) failed under coverage: what they test may read as missed until they pass`);
  if (!tests && !options.report) notes.push('tests.json is missing (the atqos_coverage_tests plugin did not load): test outcomes unknown, obsolete-test detection skipped');
  let impact: ImpactMap | undefined;
  if (options.contexts && !options.report) {
    const read = readImpactMap(input.read('impactMap'));
    impact = read.map;
    if (read.error) notes.push(`${read.error}: obsolete-test detection skipped`);
  }
  const churnExec = input.collect.execs?.['churn'];
  if (churnExec && churnExec.exitCode !== 0) notes.push('git log failed (not a git checkout?): churn counts as 0');
  const entries = buildInventory(data, options, parseChurn(input.read('churn')), impact);
  for (const e of entries.filter((x) => x.importedEarly)) {
    notes.push(`${e.path} looks imported before coverage started: its first statement reads as missed while later lines ran, so its ${e.file.percent.toFixed(1)}% is too low — ${IMPORT_TIME_ADVICE}`);
  }
  const gaps = entries.filter((e) => e.status !== 'covered');
  const priorities = rankGaps(gaps);
  const reportRefs = artifactOf(report.name);
  const obsolete = obsoleteTests(impact, tests, notes);
  const findings = [
    ...gaps.map((e) => gapFinding(e, options.churnDays, reportRefs)),
    ...obsolete.map((t) => obsoleteFinding(t.nodeId, measuredRoots(entries), [...artifactOf('impactMap'), ...artifactOf('tests')], t.xpassed)),
  ];
  const summary = gapSummary(entries, priorities, new Date(input.runStartedAtMs).toISOString(), options.churnDays);
  return { findings, tests: [], counts: undefined, trustworthy: true, notes, reports: { 'coverage-gap-summary.json': summary } };
}
