import { fingerprint, messageSignature, repoRelative, stableId } from '../../src/core/index.js';
import type { Finding } from '../../src/core/index.js';
import type { JunitCase } from './parse.js';
import { classifyFailure, exceptionType, firstLine } from './classify.js';
import { sourceFilesIn } from './source-files.js';

const EXCERPT_CHARS = 4000;
const MESSAGE_CHARS = 2000;

export interface FindingContext {
  repoDir: string;
  /** Roots whose absolute paths are replaced before fingerprinting (repo, run dir). */
  roots: string[];
  /** Run-dir-relative path of the report the case came from. */
  artifactPath: string;
  /** Message → signature, per normalize call: large reports repeat a few messages many times. */
  signatures: Map<string, string>;
}

/** The finding for a failed or errored case. */
export function caseFinding(c: JunitCase, nodeId: string, ctx: FindingContext): Finding {
  const kind = c.outcome === 'error' ? 'test_error' : 'test_failure';
  const message = (c.message?.trim() || firstLine(c.details ?? '') || `${c.outcome} without a message`).slice(0, MESSAGE_CHARS);
  const exType = exceptionType(c.type, c.message, c.details);
  const file = c.file === undefined ? undefined : repoRelative(c.file, ctx.repoDir);
  const sourceFiles = sourceFilesIn(c.details ?? '', ctx.repoDir);
  if (file && !sourceFiles.includes(file)) sourceFiles.unshift(file);
  return {
    tool: 'junit',
    kind,
    severity: 'high',
    category: classifyFailure(c.type, c.message, c.details),
    scope: { nodeId, ...(file ? { file } : {}), symbol: c.name, ...(c.line ? { line: c.line } : {}) },
    fingerprint: fingerprint(['junit', kind, stableId(nodeId, ctx.roots), exType, signature(message, ctx)]),
    title: `${nodeId} ${kind === 'test_error' ? 'errored' : 'failed'}: ${firstLine(message).slice(0, 120)}`,
    message,
    evidence: {
      excerpt: excerpt(c.details ?? c.message ?? ''),
      assertionMessage: c.message,
      exceptionType: exType,
      sourceFiles,
      details: {
        suite: c.suite,
        classname: c.classname,
        durationMs: c.durationMs,
        ...(c.extra ? { extra: c.extra.map(({ details: _d, ...rest }) => rest) } : {}),
        ...(c.reruns ? { reruns: c.reruns } : {}),
      },
    },
    artifacts: [{ path: ctx.artifactPath, description: 'JUnit report' }],
  };
}

/** One finding per report that could not be read: its counts are missing, so the run is not green. */
export function reportErrorFinding(report: string, error: string, artifactPath: string): Finding {
  return {
    tool: 'junit',
    kind: 'tool_error',
    severity: 'high',
    category: 'tool',
    scope: {},
    fingerprint: fingerprint(['junit', 'tool_error', report, messageSignature(error.replace(/\d+/g, '#'))]),
    title: `JUnit report ${report} could not be read`,
    message: `${report}: ${error}. Its tests are not counted; check that the test tool finished and wrote a complete JUnit XML report, then ingest it again.`,
    evidence: { excerpt: error, sourceFiles: [] },
    artifacts: [{ path: artifactPath, description: 'JUnit report that did not parse' }],
  };
}

function signature(message: string, ctx: FindingContext): string {
  let sig = ctx.signatures.get(message);
  if (sig === undefined) {
    sig = messageSignature(message, ctx.roots);
    ctx.signatures.set(message, sig);
  }
  return sig;
}

/** The end of a traceback matters most; keep the tail when it is long. */
function excerpt(text: string): string {
  const t = text.trim();
  return t.length <= EXCERPT_CHARS ? t : `…${t.slice(t.length - EXCERPT_CHARS + 1)}`;
}
