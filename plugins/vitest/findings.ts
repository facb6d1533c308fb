import { fingerprint, messageSignature, stableId } from '../../src/core/index.js';
import type { ArtifactRef, Finding, FindingKind } from '../../src/core/index.js';
import { classifyFailure } from './classify.js';
import { parseFailure } from './stack.js';

/** What turning failures into findings needs to know about the run. */
export interface FindingContext {
  repoDir: string;
  runDir: string;
  /** Repo files each failing test file imports (`imports.json` from collect). */
  imports: Readonly<Record<string, string[]>>;
  artifacts: ArtifactRef[];
}

/** A failed test, or a test file that failed as a whole (`nodeId` undefined: import or syntax error). */
export interface Failure {
  file: string;
  nodeId?: string;
  /** The describe > test name, for titles. */
  name?: string;
  texts: string[];
  line?: number;
}

const EXCERPT_LINES = 30;

function relativize(text: string, roots: string[]): string {
  let out = text;
  for (const r of roots) out = out.split(`file://${r}/`).join('').split(`${r}/`).join('');
  return out;
}

function kindOf(f: Failure, environment: boolean, assertion: boolean): FindingKind {
  if (environment) return 'env_error';
  if (!f.nodeId) return 'collection_error';
  return assertion ? 'test_failure' : 'test_error';
}

/** One finding for one failed test (all its errors), or for a test file that could not run. */
export function failureFinding(f: Failure, ctx: FindingContext): Finding {
  const roots = [ctx.runDir, ctx.repoDir];
  const text = f.texts.join('\n\n') || 'failed without an error message';
  const parsed = parseFailure(f.texts[0] ?? text, ctx.repoDir);
  const c = classifyFailure(parsed.excType, text);
  const kind = kindOf(f, c.environment, c.category === 'assertion');
  const shown = relativize(parsed.message || text, roots);
  const firstLine = shown.split('\n').find((l) => l.trim())?.trim() ?? shown;
  const at = parsed.frames[0] ?? (f.line ? { file: f.file, line: f.line } : undefined);
  const sourceFiles = [...new Set(parsed.frames.map((fr) => fr.file))];
  const where = f.name ?? f.file;
  const verb: Record<string, string> = { env_error: 'cannot run', collection_error: 'cannot be loaded', test_failure: 'fails', test_error: 'throws' };
  return {
    tool: 'vitest',
    kind,
    severity: kind === 'env_error' || kind === 'collection_error' ? 'blocker' : c.category === 'timeout' || c.category === 'network' ? 'medium' : 'high',
    category: kind === 'collection_error' && c.category === 'exception' ? 'collection' : c.category,
    scope: { file: at?.file ?? f.file, ...(f.nodeId ? { nodeId: f.nodeId, symbol: f.name } : {}), ...(at?.line ? { line: at.line } : {}) },
    fingerprint: fingerprint(['vitest', kind, stableId(f.nodeId ?? f.file, roots), parsed.excType ?? '', messageSignature(parsed.message || text, roots)]),
    title: `${where} ${verb[kind]}: ${firstLine}`.slice(0, 200),
    message: `${shown}${c.environment ? `\n(${c.reason})` : ''}`.slice(0, 4000),
    evidence: {
      excerpt: relativize(text, roots).split('\n').slice(0, EXCERPT_LINES).join('\n'),
      assertionMessage: shown.slice(0, 4000),
      ...(parsed.excType ? { exceptionType: parsed.excType } : {}),
      sourceFiles,
      details: { reason: c.reason, testFile: f.file, importedSourceFiles: ctx.imports[f.file] ?? [] },
    },
    artifacts: ctx.artifacts,
  };
}
