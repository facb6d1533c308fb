import { fingerprint, messageSignature, stableId } from '../../src/core/index.js';
import type { Finding, TestOutcome } from '../../src/core/index.js';
import { classifyFailure, exceptionType, firstLine } from '../junit/classify.js';
import type { ReportPaths } from '../junit/report-paths.js';
import { sourceFilesIn } from '../junit/source-files.js';
import { suitePath } from './node-id.js';
import type { CtrfTest } from './schema.js';

const MESSAGE_CHARS = 2000;
const EXCERPT_CHARS = 4000;
const TITLE_ID_CHARS = 160;

/** What every finding of one report shares. */
export interface CtrfFindingContext {
  /** The CTRF tool name (`results.tool.name`), or `ctrf`. */
  tool: string;
  /** Roots replaced before fingerprinting (repo, run dir). */
  roots: string[];
  artifactPath: string;
  paths: ReportPaths;
}

/**
 * Identity of a problem with a test: the CTRF tool, the kind, the test (its `testId` when the
 * producer gives one, else suite + name) and the first line of the message, normalized (no line
 * numbers, durations, paths or addresses).
 */
function identity(t: CtrfTest, nodeId: string, kind: string, message: string, ctx: CtrfFindingContext): string {
  return fingerprint(['ctrf', ctx.tool, kind, stableId(t.testId ?? nodeId, ctx.roots), message && messageSignature(message, ctx.roots)]);
}

function scopeOf(t: CtrfTest, nodeId: string, file: string | undefined): Finding['scope'] {
  const scope: Finding['scope'] = file ? { nodeId, file, symbol: t.name } : { nodeId, symbol: t.name };
  if (t.line) scope.line = t.line;
  return scope;
}

const shortId = (id: string) => (id.length > TITLE_ID_CHARS ? `${id.slice(0, TITLE_ID_CHARS - 1)}…` : id);
const tail = (text: string) => (text.length <= EXCERPT_CHARS ? text : `…${text.slice(text.length - EXCERPT_CHARS + 1)}`);

/** The finding for a failed (or errored, or ended-as-`other`) test. */
export function failureFinding(t: CtrfTest, nodeId: string, outcome: TestOutcome, ctx: CtrfFindingContext): Finding {
  const kind = outcome === 'error' ? 'test_error' : 'test_failure';
  const fallback = t.status === 'other' ? `ended with status "other"${t.rawStatus ? ` (${t.rawStatus})` : ''}` : `${outcome} without a message`;
  const message = (t.message?.trim() || firstLine(t.trace ?? '') || fallback).slice(0, MESSAGE_CHARS);
  const file = t.filePath === undefined ? undefined : ctx.paths.relative(t.filePath);
  const sourceFiles = sourceFilesIn(`${t.trace ?? ''}\n${t.message ?? ''}`, ctx.paths);
  if (file && !sourceFiles.includes(file)) sourceFiles.unshift(file);
  const exType = exceptionType(undefined, t.message, t.trace);
  return {
    tool: 'ctrf',
    kind,
    severity: 'high',
    category: /timed? ?out/i.test(t.rawStatus ?? '') ? 'timeout' : classifyFailure(undefined, t.message, t.trace),
    scope: scopeOf(t, nodeId, file),
    fingerprint: identity(t, nodeId, kind, message, ctx),
    title: `${shortId(nodeId)} ${kind === 'test_error' ? 'errored' : 'failed'}: ${firstLine(message).slice(0, 120)}`,
    message,
    evidence: {
      excerpt: tail((t.trace ?? t.message ?? '').trim()),
      ...(t.message !== undefined ? { assertionMessage: t.message } : {}),
      ...(exType !== undefined ? { exceptionType: exType } : {}),
      sourceFiles,
      details: { tool: ctx.tool, suite: suitePath(t), durationMs: t.duration ?? 0, ...(t.rawStatus ? { rawStatus: t.rawStatus } : {}), ...(t.retries ? { retries: t.retries } : {}), ...(t.testId ? { testId: t.testId } : {}) },
    },
    artifacts: [{ path: ctx.artifactPath, description: 'CTRF report' }],
  };
}

/** A test that passed only after failing: a low-severity `flaky_test`. */
export function flakyFinding(t: CtrfTest, nodeId: string, ctx: CtrfFindingContext): Finding {
  const failed = (t.retryAttempts ?? []).filter((a) => a.status === 'failed');
  const retries = t.retries ?? failed.length;
  const first = failed.find((a) => a.message)?.message;
  const file = t.filePath === undefined ? undefined : ctx.paths.relative(t.filePath);
  return {
    tool: 'ctrf',
    kind: 'flaky_test',
    severity: 'low',
    category: 'flaky',
    scope: scopeOf(t, nodeId, file),
    fingerprint: identity(t, nodeId, 'flaky_test', '', ctx),
    title: `${shortId(nodeId)} is flaky: it passed only after ${retries} retr${retries === 1 ? 'y' : 'ies'}`,
    message: `${nodeId} passed in ${ctx.tool} only after ${retries} retr${retries === 1 ? 'y' : 'ies'}${first ? `; an earlier attempt failed with: ${firstLine(first).slice(0, 300)}` : ''}. A pass that needs retries hides a real problem in the test or the code.`,
    evidence: {
      sourceFiles: file ? [file] : [],
      details: { tool: ctx.tool, retries, failedAttempts: failed.map((a) => a.message ?? '').slice(0, 5), ...(t.rawStatus ? { rawStatus: t.rawStatus } : {}), ...(t.testId ? { testId: t.testId } : {}) },
    },
    artifacts: [{ path: ctx.artifactPath, description: 'CTRF report' }],
  };
}
