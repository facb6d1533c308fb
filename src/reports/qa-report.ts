import type { Finding } from '../core/index.js';
import type { ReportInput } from './report-input.js';
import type { CoverageGain } from './coverage-gains.js';

function tally<K extends string>(items: readonly Finding[], key: (f: Finding) => K): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of items) out[key(f)] = (out[key(f)] ?? 0) + 1;
  return out;
}

/**
 * What agents said about a finding without changing anything (agents.diagnose): a root cause, a
 * verdict on a skip's stated reason. Unverified: nothing in ATQOS acts on it. Null when none.
 */
function agentAdvice(f: Finding) {
  const d = f.evidence.details ?? {};
  const diagnosis = d['diagnosis'];
  const skip = d['skipReasonVerdict'];
  if (!diagnosis && !skip) return null;
  return { verified: false, ...(diagnosis ? { diagnosis } : {}), ...(skip ? { skip_reason_verdict: skip } : {}) };
}

/**
 * `reports/qa-report.json`: every finding with what an issue tracker needs to file it
 * without further reasoning (PRD-78 contract).
 */
export function buildQaReport(input: ReportInput) {
  const { run, findings } = input;
  const gains = new Map(((input.remediation?.['coverageGains'] as CoverageGain[] | undefined) ?? []).map((g) => [g.task, g]));
  return {
    schema: 'atqos/qa-report@1',
    run_id: run.id,
    lane: run.lane,
    base_sha: run.baseSha ?? null,
    started_at: run.startedAt,
    finished_at: run.finishedAt ?? null,
    conclusion: run.conclusion ?? null,
    summary: {
      findings: findings.length,
      by_kind: tally(findings, (f) => f.kind),
      by_severity: tally(findings, (f) => f.severity),
      by_category: tally(findings, (f) => f.category),
    },
    findings: findings.map((f) => ({
      fingerprint: f.fingerprint,
      title: f.title,
      tool: f.tool,
      kind: f.kind,
      severity: f.severity,
      category: f.category,
      file: f.scope.file ?? null,
      line: f.scope.line ?? null,
      nodeid: f.scope.nodeId ?? null,
      symbol: f.scope.symbol ?? null,
      message: f.message,
      source_files: f.evidence.sourceFiles,
      log_excerpt: f.evidence.excerpt ?? null,
      artifacts: f.artifacts.map((a) => a.path),
      agent_advice: agentAdvice(f),
    })),
    tasks: input.tasks.map((t) => taskEntry(t, gains.get(t.id))),
  };
}

function taskEntry(t: ReportInput['tasks'][number], gain: CoverageGain | undefined) {
  return {
    id: t.id,
    type: t.type,
    title: t.title,
    priority: t.priority,
    findings: t.findings,
    targets: t.targets,
    depends_on: t.dependsOn,
    // add_test: what its validation measured of the target module (null when nothing was).
    coverage_gain: gain
      ? { module: gain.module, accepted: gain.accepted, before: gain.before, after: gain.after, gain: gain.gain, new_tests: gain.newTests, runs_passed: gain.runs.passed, runs: gain.runs.total, excluded_flaky: gain.excluded }
      : null,
  };
}
