import { fingerprint, messageSignature, stableId } from '../../src/core/index.js';
import type { Finding } from '../../src/core/index.js';
import type { JunitCase } from './parse.js';
import { classifyFailure, exceptionType, firstLine } from './classify.js';
import type { ReportPaths } from './report-paths.js';
import { sourceFilesIn } from './source-files.js';

const EXCERPT_CHARS = 4000;
const MESSAGE_CHARS = 2000;

export interface FindingContext {
  /** Roots whose absolute paths are replaced before fingerprinting (repo, run dir). */
  roots: string[];
  /** Run-dir-relative path of the report the case came from. */
  artifactPath: string;
  /** Message → signature, per normalize call: large reports repeat a few messages many times. */
  signatures: Map<string, string>;
  /** Repo-relative paths, resolved once per report. */
  paths: ReportPaths;
}

type Scope = Finding['scope'];
type Details = NonNullable<Finding['evidence']['details']>;

/** The finding for a failed or errored case. */
export function caseFinding(c: JunitCase, nodeId: string, ctx: FindingContext): Finding {
  const kind = c.outcome === 'error' ? 'test_error' : 'test_failure';
  const message = (c.message?.trim() || firstLine(c.details ?? '') || `${c.outcome} without a message`).slice(0, MESSAGE_CHARS);
  const exType = exceptionType(c.type, c.message, c.details);
  const file = c.file === undefined ? undefined : ctx.paths.relative(c.file);
  const sourceFiles = sourceFilesIn(c.details ?? '', ctx.paths);
  if (file && !sourceFiles.includes(file)) sourceFiles.unshift(file);
  // Built key by key (not with spreads) in the order the JSON has always had.
  const scope: Scope = file ? { nodeId, file, symbol: c.name } : { nodeId, symbol: c.name };
  if (c.line) scope.line = c.line;
  return {
    tool: 'junit',
    kind,
    severity: 'high',
    category: classifyFailure(c.type, c.message, c.details),
    scope,
    fingerprint: fingerprint(['junit', kind, stableId(nodeId, ctx.roots), exType, signature(message, ctx)]),
    title: `${nodeId} ${kind === 'test_error' ? 'errored' : 'failed'}: ${firstLine(message).slice(0, 120)}`,
    message,
    evidence: {
      excerpt: excerpt(c.details ?? c.message ?? ''),
      assertionMessage: c.message,
      exceptionType: exType,
      sourceFiles,
      details: caseDetails(c),
    },
    artifacts: [{ path: ctx.artifactPath, description: 'JUnit report' }],
  };
}

function caseDetails(c: JunitCase): Details {
  const d: Details = { suite: c.suite, classname: c.classname, durationMs: c.durationMs };
  if (c.extra) d['extra'] = c.extra.map(({ details: _d, ...rest }) => rest);
  if (c.reruns) d['reruns'] = c.reruns;
  return d;
}

/** A problem with a whole report (not a testcase): a `tool_error`, so the run is never green. */
function reportFinding(report: string, key: string, title: string, message: string, artifact: { path: string; description: string }, excerpt?: string): Finding {
  return {
    tool: 'junit', kind: 'tool_error', severity: 'high', category: 'tool', scope: {},
    fingerprint: fingerprint(['junit', 'tool_error', report, key]),
    title, message,
    evidence: { ...(excerpt !== undefined ? { excerpt } : {}), sourceFiles: [] },
    artifacts: [artifact],
  };
}

/** One finding per report that could not be read: its counts are missing, so the run is not green. */
export function reportErrorFinding(report: string, error: string, artifactPath: string): Finding {
  return reportFinding(
    report, messageSignature(error.replace(/\d+/g, '#')), `JUnit report ${report} could not be read`,
    `${report}: ${error}. Its tests are not counted; check that the test tool finished and wrote a complete JUnit XML report, then ingest it again.`,
    { path: artifactPath, description: 'JUnit report that did not parse' }, error,
  );
}

/** A report whose suites declare failures or errors that no testcase shows: incomplete, never green. */
export function unexplainedFinding(report: string, unexplained: number, artifactPath: string): Finding {
  return reportFinding(
    report, 'unexplained failures', `JUnit report ${report} declares failures its testcases do not show`,
    `${report}: its suites declare ${unexplained} more failure(s) or error(s) than its testcase elements show — typically a test file that failed to load or compile, which the reporter counted without a testcase. Run that suite and fix the load error; the report is not trusted until then.`,
    { path: artifactPath, description: 'JUnit report' },
  );
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
