import { fingerprint, normalizeVolatile } from '../../src/core/index.js';
import type { Finding } from '../../src/core/index.js';
import type { RuffViolation } from './report.js';
import { inRepoFindings, occurrencePart } from '../_lib/in-repo-findings.js';
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
  const parts = [TOOL, 'lint_error', file, rule, signature, ...occurrencePart(occurrence)];
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
  const ordered = [...violations].sort((a, b) => a.filename.localeCompare(b.filename) || a.location.row - b.location.row || a.location.column - b.location.column);
  const reader = { tool: TOOL, what: 'a violation', file: (v: RuffViolation) => v.filename, rule: ruleOf, message: (v: RuffViolation) => v.message };
  return inRepoFindings(ordered, repoDir, reader, (v, file, n) => finding(v, file, n, artifact, roots));
}
