import { fingerprint, normalizeVolatile, repoRelative } from '../../src/core/index.js';
import type { Finding } from '../../src/core/index.js';
import { errorCodeUrl } from './error-codes.js';
import type { MypyError } from './output.js';
import type { RunProblem } from './run-problem.js';

const TOOL = 'mypy';

/** Errors without a code (rare since mypy 0.9) are grouped under `misc`, mypy's catch-all. */
export function ruleOf(e: MypyError): string {
  return e.code ?? 'misc';
}

function finding(e: MypyError, file: string, occurrence: number, artifact: string, roots: string[]): Finding {
  const rule = ruleOf(e);
  const url = errorCodeUrl(rule);
  // Same code and message twice in a file: the ordinal tells them apart without using the line.
  const parts = [TOOL, 'type_error', file, rule, normalizeVolatile(e.message, roots), ...(occurrence > 1 ? [`#${occurrence}`] : [])];
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
  const findings: Finding[] = [];
  const notes: string[] = [];
  const seen = new Map<string, number>();
  for (const e of errors) {
    const file = repoRelative(e.file, repoDir);
    if (!file) {
      notes.push(`mypy: skipped an error in ${e.file}, outside the repository`);
      continue;
    }
    const key = `${file}\u0000${ruleOf(e)}\u0000${e.message}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    findings.push(finding(e, file, n, artifact, roots));
  }
  return { findings, notes };
}

/** A finding about the run itself: mypy crashed, could not start, or wrote nothing usable. */
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
