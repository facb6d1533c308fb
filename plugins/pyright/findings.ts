import { fingerprint, normalizeVolatile, repoRelative } from '../../src/core/index.js';
import type { Finding } from '../../src/core/index.js';
import type { PyrightDiagnostic } from './report.js';
import type { RunProblem } from './run-problem.js';

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
  const parts = [TOOL, 'type_error', file, rule, normalizeVolatile(d.message, roots), ...(occurrence > 1 ? [`#${occurrence}`] : [])];
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
  const findings: Finding[] = [];
  const notes: string[] = [];
  const seen = new Map<string, number>();
  for (const d of diagnostics.filter(isProblem)) {
    const file = repoRelative(d.file, repoDir);
    if (!file) {
      notes.push(`pyright: skipped a diagnostic in ${d.file}, outside the repository`);
      continue;
    }
    const key = `${file}\u0000${ruleOf(d)}\u0000${d.message}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    findings.push(finding(d, file, n, artifact, roots));
  }
  return { findings, notes };
}

/** A finding about the run itself: pyright crashed, could not start, or wrote no usable report. */
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
