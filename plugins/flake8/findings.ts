import { fingerprint, normalizeVolatile } from '../../src/core/index.js';
import type { Finding, Severity } from '../../src/core/index.js';
import { inRepoFindings, occurrencePart } from '../_lib/in-repo-findings.js';
import type { Flake8Violation } from './output.js';
import { ruleUrl } from './rule-urls.js';

const TOOL = 'flake8';

/** Syntax and tokenize errors stop the checks of a file; undefined names fail at run time. */
function severityOf(code: string): Severity {
  if (/^E9\d\d$/.test(code)) return 'high';
  return /^F82[123]$/.test(code) ? 'medium' : 'low';
}

/**
 * The message without the measures that move as the code is edited: `line too long (120 > 100
 * characters)`, `too complex (7)`, `too many blank lines (3)` stay the same problem.
 */
export function messageSignature(text: string, roots: string[]): string {
  return normalizeVolatile(text, roots).replace(/\(\d+(?: > \d+ characters)?\)/g, '(N)');
}

function finding(v: Flake8Violation, file: string, occurrence: number, artifact: string, roots: string[]): Finding {
  const url = ruleUrl(v.code);
  const line = Math.max(1, v.row);
  const column = Math.max(1, v.col);
  // Same code and message twice in a file: the ordinal tells them apart without using the line.
  const parts = [TOOL, 'lint_error', file, v.code, messageSignature(v.text, roots), ...occurrencePart(occurrence)];
  return {
    tool: TOOL,
    kind: 'lint_error',
    severity: severityOf(v.code),
    category: 'lint',
    scope: { file, line },
    fingerprint: fingerprint(parts),
    title: `${v.code}: ${v.text}`.slice(0, 200),
    message: `${file}:${line}:${column}: ${v.code} ${v.text}${url ? `\nSee ${url}` : ''}`,
    evidence: { sourceFiles: [file], details: { rule: v.code, column, ...(url ? { url } : {}) } },
    artifacts: [{ path: artifact, description: 'flake8 output' }],
  };
}

/** A file name that is not valid UTF-8 decodes to lone surrogates: no path in the repo can name it. */
const hasLoneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/** Findings for the violations inside the repo, with a note for each one outside it or unnamable. */
export function violationFindings(violations: Flake8Violation[], repoDir: string, artifact: string, roots: string[]): { findings: Finding[]; notes: string[] } {
  const named = violations.filter((v) => !hasLoneSurrogate(v.path));
  const unnamable = violations.filter((v) => hasLoneSurrogate(v.path)).map((v) => `flake8: skipped ${v.code} in a file whose name is not valid UTF-8 (${JSON.stringify(v.path)}); rename it to have it fixed`);
  const ordered = [...named].sort((a, b) => a.path.localeCompare(b.path) || a.row - b.row || a.col - b.col || a.code.localeCompare(b.code));
  const reader = { tool: TOOL, what: 'a violation', file: (v: Flake8Violation) => v.path, rule: (v: Flake8Violation) => v.code, message: (v: Flake8Violation) => v.text };
  const out = inRepoFindings(ordered, repoDir, reader, (v, file, n) => finding(v, file, n, artifact, roots));
  return { findings: out.findings, notes: [...out.notes, ...unnamable] };
}
