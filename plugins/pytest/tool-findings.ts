import { fingerprint, messageSignature } from '../../src/core/index.js';
import type { Category, Finding } from '../../src/core/index.js';

const TAIL_LINES = 40;

/** The last lines of a process's output, for evidence. */
export function tail(text: string | undefined, lines = TAIL_LINES): string {
  const all = (text ?? '').replace(/\r\n?/g, '\n').replace(/\s+$/, '').split('\n');
  return all.slice(-lines).join('\n');
}

export interface RunProblem {
  kind: 'tool_error' | 'env_error';
  category: Category;
  /** Stable key of the problem (e.g. `exit-5`), part of the fingerprint. */
  key: string;
  title: string;
  /** What happened and what to do. */
  message: string;
  excerpt: string;
  artifacts: string[];
  roots: string[];
}

/** A finding about the run itself rather than one test: pytest crashed, timed out or ran nothing. */
export function runProblemFinding(p: RunProblem): Finding {
  return {
    tool: 'pytest',
    kind: p.kind,
    severity: 'blocker',
    category: p.category,
    scope: {},
    fingerprint: fingerprint(['pytest', p.kind, p.key, messageSignature(p.message, p.roots)]),
    title: p.title,
    message: p.message,
    evidence: { excerpt: p.excerpt, sourceFiles: [], details: { runProblem: p.key } },
    artifacts: p.artifacts.map((path) => ({ path })),
  };
}
