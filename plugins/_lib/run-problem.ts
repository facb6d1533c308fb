import { fingerprint, normalizeVolatile } from '../../src/core/index.js';
import type { Category, Finding } from '../../src/core/index.js';
import type { NormalizeInput, NormalizeOutput } from '../../src/plugin/contract.js';
import { outputExcerpt } from './output-tail.js';

/** Why a tool run cannot be trusted: a stable key (part of the fingerprint) and what to do. */
export interface RunProblem {
  key: string;
  title: string;
  message: string;
  /** Unset: `tool`. */
  category?: Category;
}

/** What a run-problem finding shows besides the problem. */
export interface RunProblemEvidence {
  /** The end of the tool's output. */
  excerpt: string;
  /** Run-dir paths of the raw artifacts that exist. */
  artifacts: string[];
  /**
   * Given: the message, with these roots made volatile, is part of the fingerprint, so each
   * distinct failure is its own finding. Unset: one finding per problem key.
   */
  roots?: string[];
}

/** The blocker finding about a run itself: the tool crashed, could not start, or wrote nothing usable. */
export function runProblemFinding(tool: string, p: RunProblem, e: RunProblemEvidence): Finding {
  const signature = e.roots ? [normalizeVolatile(p.message, e.roots).slice(0, 300)] : [];
  return {
    tool,
    kind: 'tool_error',
    severity: 'blocker',
    category: p.category ?? 'tool',
    scope: {},
    fingerprint: fingerprint([tool, 'tool_error', p.key, ...signature]),
    title: p.title,
    message: p.message,
    evidence: { excerpt: e.excerpt, sourceFiles: [], details: { runProblem: p.key } },
    artifacts: e.artifacts.map((path) => ({ path })),
  };
}

/**
 * For a tool whose report is its stdout (artifact `stdoutName`): the normalize output of an
 * untrusted run, one problem finding (after `findings` read anyway) with the end of both streams.
 */
export function untrustedRun(tool: string, input: NormalizeInput, stdoutName: string): (p: RunProblem, notes?: string[], findings?: Finding[]) => NormalizeOutput {
  const roots = [input.runDir, input.repoDir];
  const artifacts = input.collect.artifacts.filter((a) => a.exists).map((a) => a.path);
  return (p, notes = [], findings = []) => {
    const excerpt = outputExcerpt(input.read('stderr'), input.read(stdoutName), 10);
    return { findings: [...findings, runProblemFinding(tool, p, { excerpt, artifacts, roots })], tests: [], counts: undefined, trustworthy: false, notes };
  };
}
