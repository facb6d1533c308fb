import { fingerprint, normalizeVolatile } from '../../src/core/index.js';
import type { Finding } from '../../src/core/index.js';
import type { PyrightDiagnostic } from './report.js';
import { inRepoFindings, occurrencePart } from '../_lib/in-repo-findings.js';

const TOOL = 'pyright';

/** Diagnostics without a configurable rule (syntax errors, some core checks) are grouped as `pyright`. */
export function ruleOf(d: PyrightDiagnostic): string {
  return d.rule ?? 'pyright';
}

/** The documentation of a pyright rule: its entry on the configuration page. */
export function ruleUrl(rule: string): string {
  return `https://microsoft.github.io/pyright/#/configuration?id=${encodeURIComponent(rule)}`;
}

/** Errors and warnings are problems; `information` diagnostics are not. */
export function isProblem(d: PyrightDiagnostic): boolean {
  return d.severity === 'error' || d.severity === 'warning';
}

function finding(d: PyrightDiagnostic, file: string, occurrence: number, artifact: string, roots: string[]): Finding {
  const rule = ruleOf(d);
  const url = d.rule ? ruleUrl(d.rule) : undefined;
  const line = d.range ? d.range.start.line + 1 : undefined;
  const column = d.range ? d.range.start.character + 1 : undefined;
  // Same rule and message twice in a file: the ordinal tells them apart without using the line.
  const parts = [TOOL, 'type_error', file, rule, normalizeVolatile(d.message, roots), ...occurrencePart(occurrence)];
  const first = d.message.split('\n')[0] ?? d.message;
  return {
    tool: TOOL,
    kind: 'type_error',
    severity: d.severity === 'error' ? 'medium' : 'low',
    category: 'type',
    scope: { file, ...(line ? { line } : {}) },
    fingerprint: fingerprint(parts),
    title: `${first} (${rule})`.slice(0, 200),
    message: `${[file, line, column].filter((x) => x !== undefined).join(':')} - ${d.severity}: ${d.message} (${rule})${url ? `\nSee ${url}` : ''}`,
    evidence: {
      sourceFiles: [file],
      details: {
        rule,
        ...(url ? { url } : {}),
        pyrightSeverity: d.severity,
        ...(d.range ? { column, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 } : {}),
      },
    },
    artifacts: [{ path: artifact, description: 'pyright JSON report' }],
  };
}

/** Findings for the errors and warnings inside the repo, with a note for each one outside it. */
export function diagnosticFindings(diagnostics: PyrightDiagnostic[], repoDir: string, artifact: string, roots: string[]): { findings: Finding[]; notes: string[] } {
  const reader = { tool: TOOL, what: 'a diagnostic', file: (d: PyrightDiagnostic) => d.file, rule: ruleOf, message: (d: PyrightDiagnostic) => d.message };
  return inRepoFindings(diagnostics.filter(isProblem), repoDir, reader, (d, file, n) => finding(d, file, n, artifact, roots));
}
