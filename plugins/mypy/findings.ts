import { fingerprint, normalizeVolatile } from '../../src/core/index.js';
import type { Finding } from '../../src/core/index.js';
import { errorCodeUrl } from './error-codes.js';
import type { MypyError } from './output.js';
import { inRepoFindings, occurrencePart } from '../_lib/in-repo-findings.js';

const TOOL = 'mypy';

/** Errors without a code (rare since mypy 0.9) are grouped under `misc`, mypy's catch-all. */
export function ruleOf(e: MypyError): string {
  return e.code ?? 'misc';
}

function finding(e: MypyError, file: string, occurrence: number, artifact: string, roots: string[]): Finding {
  const rule = ruleOf(e);
  const url = errorCodeUrl(rule);
  // Same code and message twice in a file: the ordinal tells them apart without using the line.
  const parts = [TOOL, 'type_error', file, rule, normalizeVolatile(e.message, roots), ...occurrencePart(occurrence)];
  const where = [file, e.line, e.column].filter((x) => x !== undefined).join(':');
  return {
    tool: TOOL,
    kind: 'type_error',
    severity: rule === 'syntax' ? 'high' : 'medium',
    category: 'type',
    scope: { file, ...(e.line ? { line: e.line } : {}) },
    fingerprint: fingerprint(parts),
    title: `${e.message} [${rule}]`.slice(0, 200),
    message: `${where}: error: ${e.message}  [${rule}]${e.notes.map((n) => `\n  note: ${n}`).join('')}\nSee ${url}`,
    evidence: {
      sourceFiles: [file],
      ...(e.notes.length ? { excerpt: e.notes.join('\n') } : {}),
      details: { rule, url, ...(e.column ? { column: e.column } : {}) },
    },
    artifacts: [{ path: artifact, description: 'mypy output' }],
  };
}

/** Findings for the errors inside the repo, with a note for each one outside it. */
export function errorFindings(errors: MypyError[], repoDir: string, artifact: string, roots: string[]): { findings: Finding[]; notes: string[] } {
  const reader = { tool: TOOL, what: 'an error', file: (e: MypyError) => e.file, rule: ruleOf, message: (e: MypyError) => e.message };
  return inRepoFindings(errors, repoDir, reader, (e, file, n) => finding(e, file, n, artifact, roots));
}
