import { fingerprint, messageSignature, repoRelative } from '../../src/core/index.js';
import type { ArtifactRef, Finding, FindingKind, Severity } from '../../src/core/index.js';
import { classifyFailure } from './classify.js';
import type { Classification } from './classify.js';
import { nodeFile, nodeSymbol, stableNodeId } from './node-ids.js';
import type { Problem } from './results.js';
import { exceptionTypeFromText, excerpt, firstErrorLine, framesFromText, relativize, repoFrameFile } from './traceback.js';

/** What turning problems into findings needs to know about the run. */
export interface FindingContext {
  repoDir: string;
  runDir: string;
  /** pytest's rootdir when it differs from the repo dir as ATQOS sees it. */
  rootdir?: string;
  repoModules: ReadonlySet<string>;
  /** Repo files each test module imported names from (inventory `moduleDeps`). */
  moduleDeps: Readonly<Record<string, string[]>>;
  artifacts: ArtifactRef[];
}

const QUIET_CATEGORIES = new Set(['network', 'timeout', 'flaky']);

function kindOf(p: Problem, c: Classification): FindingKind {
  if (c.environment) return 'env_error';
  if (p.when === 'collect') return 'collection_error';
  return p.when === 'call' && c.category === 'assertion' ? 'test_failure' : 'test_error';
}

function severityOf(kind: FindingKind, c: Classification): Severity {
  if (kind === 'env_error' || kind === 'collection_error') return 'blocker';
  return QUIET_CATEGORIES.has(c.category) ? 'medium' : 'high';
}

function frameFiles(p: Problem, ctx: FindingContext) {
  const raw = p.report?.frames.length ? p.report.frames : framesFromText(p.text).filter((f) => f.line > 0 || p.when === 'collect');
  const frames = raw.flatMap((f) => {
    const file = repoFrameFile(f.path, ctx.repoDir) ?? (ctx.rootdir ? repoFrameFile(f.path, ctx.rootdir) : undefined);
    return file ? [{ file, line: f.line }] : [];
  });
  const crash = p.report?.crash;
  const crashFile = crash ? repoFrameFile(crash.path, ctx.repoDir) : undefined;
  const at = crashFile && crash?.line ? { file: crashFile, line: crash.line } : frames.filter((f) => f.line > 0).pop();
  return { sourceFiles: [...new Set(frames.map((f) => f.file))], at };
}

function describe(kind: FindingKind, p: Problem): string {
  const where = p.when === 'collect' ? p.nodeId : (nodeSymbol(p.nodeId) ?? p.nodeId);
  const verb: Record<string, string> = { env_error: 'cannot run', collection_error: 'cannot be collected', test_failure: 'fails', test_error: p.when === 'call' ? 'raises' : `errors in ${p.when}` };
  return `${where} ${verb[kind] ?? 'fails'}`;
}

/** One finding for one failed phase of a test, or one module that failed to collect. */
export function problemFinding(p: Problem, ctx: FindingContext): Finding {
  const roots = [ctx.runDir, ctx.repoDir, ctx.rootdir ?? ''].filter(Boolean);
  const message = (p.report?.crash ? p.message : firstErrorLine(p.text) ?? p.message) || `${p.when} failed`;
  const excType = p.report?.excType ?? exceptionTypeFromText(p.text);
  const inRepo = (path: string) => repoRelative(path, ctx.repoDir) !== undefined || (!!ctx.rootdir && repoRelative(path, ctx.rootdir) !== undefined);
  const c = classifyFailure({ excType, excModule: p.report?.excModule, chain: p.report?.chain, message, traceback: p.text, repoModules: ctx.repoModules, inRepo });
  const kind = kindOf(p, c);
  const { sourceFiles, at } = frameFiles(p, ctx);
  const testFile = nodeFile(p.nodeId);
  const phase = p.when === 'setup' || p.when === 'teardown' ? `::<${p.when}>` : '';
  const shown = relativize(message, roots).trim();
  const firstLine = shown.split('\n').find((l) => l.trim()) ?? shown;
  return {
    tool: 'pytest',
    kind,
    severity: severityOf(kind, c),
    category: kind === 'collection_error' && c.category === 'exception' ? 'collection' : c.category,
    scope: {
      file: at?.file ?? testFile,
      nodeId: p.nodeId,
      ...(at?.line ? { line: at.line } : {}),
      ...(nodeSymbol(p.nodeId) ? { symbol: nodeSymbol(p.nodeId) } : {}),
    },
    fingerprint: fingerprint(['pytest', kind, stableNodeId(p.nodeId, roots) + phase, excType ?? '', messageSignature(message, roots)]),
    title: `${describe(kind, p)}: ${firstLine.trim()}`.slice(0, 200),
    message: `${shown}${c.environment ? `\n(${c.reason})` : ''}`.slice(0, 4000),
    evidence: {
      excerpt: excerpt(p.text, ctx.repoDir, ctx.runDir),
      assertionMessage: shown.slice(0, 4000),
      ...(excType ? { exceptionType: excType } : {}),
      sourceFiles,
      details: { phase: p.when, reason: c.reason, testFile, importedSourceFiles: ctx.moduleDeps[testFile] ?? [] },
    },
    artifacts: ctx.artifacts,
  };
}

/** Top-level module names the repo has, from every repo path seen in the run. */
export function repoModulesFrom(paths: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const p of paths) {
    for (const seg of p.split('/')) if (seg && seg !== '..' && seg !== '.') names.add(seg.replace(/\.py$/, ''));
  }
  return names;
}
