import { fingerprint, normalizeVolatile, repoRelative } from '../../src/core/index.js';
import type { Finding } from '../../src/core/index.js';
import type { RuffViolation } from './report.js';
import type { RunProblem } from './run-problem.js';
import { SYNTAX_ERROR } from './node-ids.js';

const TOOL = 'ruff';

/** The rule a violation breaks; ruff < 0.5 reported syntax errors as E999. */
export function ruleOf(v: RuffViolation): string {
  return v.code === null || v.code === 'E999' ? SYNTAX_ERROR : v.code;
}

/** Only safe fixes: `ruff check --fix` leaves unsafe and display-only ones alone. */
export function hasSafeFix(v: RuffViolation): boolean {
  return v.fix?.applicability === 'safe';
}

function finding(v: RuffViolation, file: string, occurrence: number, artifact: string, roots: string[]): Finding {
  const rule = ruleOf(v);
  const signature = normalizeVolatile(v.message, roots);
  // Same rule and message twice in a file: the ordinal tells them apart without using the line.
  const parts = [TOOL, 'lint_error', file, rule, signature, ...(occurrence > 1 ? [`#${occurrence}`] : [])];
  const url = v.url ?? undefined;
  return {
    tool: TOOL,
    kind: 'lint_error',
    severity: rule === SYNTAX_ERROR ? 'high' : 'low',
    category: 'lint',
    scope: { file, line: Math.max(1, v.location.row) },
    fingerprint: fingerprint(parts),
    title: `${rule === SYNTAX_ERROR ? 'Syntax error' : rule}: ${v.message}`.slice(0, 200),
    message: `${file}:${v.location.row}:${v.location.column}: ${rule} ${v.message}${url ? `\nSee ${url}` : ''}`,
    evidence: {
      sourceFiles: [file],
      details: {
        rule,
        ...(url ? { url } : {}),
        column: Math.max(1, v.location.column),
        ...(v.end_location ? { endLine: v.end_location.row, endColumn: v.end_location.column } : {}),
        fixable: hasSafeFix(v),
        ...(v.fix?.message ? { fix: v.fix.message } : {}),
      },
    },
    artifacts: [{ path: artifact, description: 'ruff JSON report' }],
  };
}

/** Findings for the violations inside the repo, with a note for each one outside it. */
export function violationFindings(violations: RuffViolation[], repoDir: string, artifact: string, roots: string[]): { findings: Finding[]; notes: string[] } {
  const findings: Finding[] = [];
  const notes: string[] = [];
  const seen = new Map<string, number>();
  const ordered = [...violations].sort((a, b) => a.filename.localeCompare(b.filename) || a.location.row - b.location.row || a.location.column - b.location.column);
  for (const v of ordered) {
    const file = repoRelative(v.filename, repoDir);
    if (!file) {
      notes.push(`ruff: skipped a violation in ${v.filename}, outside the repository`);
      continue;
    }
    const key = `${file}\u0000${ruleOf(v)}\u0000${v.message}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    findings.push(finding(v, file, n, artifact, roots));
  }
  return { findings, notes };
}

/** A finding about the run itself: ruff crashed, could not start, or wrote no usable report. */
export function runProblemFinding(p: RunProblem, excerpt: string, artifacts: string[], roots: string[]): Finding {
  return {
    tool: TOOL,
    kind: 'tool_error',
    severity: 'blocker',
    category: 'tool',
    scope: {},
    fingerprint: fingerprint([TOOL, 'tool_error', p.key, normalizeVolatile(p.message, roots).slice(0, 300)]),
    title: p.title,
    message: p.message,
    evidence: { excerpt, sourceFiles: [], details: { runProblem: p.key } },
    artifacts: artifacts.map((path) => ({ path })),
  };
}
