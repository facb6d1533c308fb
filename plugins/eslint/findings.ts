import { fingerprint, messageSignature, repoRelative, toPosix } from '../../src/core/index.js';
import type { ArtifactRef, Finding } from '../../src/core/index.js';
import type { EslintFile, EslintMessage } from './report.js';

/** What turning eslint problems into findings needs to know about the run. */
export interface FindingContext {
  repoDir: string;
  runDir: string;
  ruleUrls: Readonly<Record<string, string>>;
  artifacts: ArtifactRef[];
}

/** eslint's own note for a file passed explicitly but ignored by the config: not a problem. */
const IGNORED_FILE = /^File ignored (?:because|by default)/;

/** The source lines around a problem, numbered, for the agent and the issue. */
function sourceExcerpt(source: string | undefined, line: number | undefined): string | undefined {
  if (!source || !line) return undefined;
  const lines = source.split('\n');
  const from = Math.max(1, line - 2);
  return lines.slice(from - 1, line + 1).map((text, i) => `${from + i === line ? '>' : ' '} ${from + i} | ${text}`).join('\n');
}

function findingFor(file: string, m: EslintMessage, occurrence: number, source: string | undefined, ctx: FindingContext): Finding {
  const roots = [ctx.runDir, ctx.repoDir];
  const parse = m.fatal === true || !m.ruleId;
  const rule = m.ruleId ?? 'parse-error';
  const url = m.ruleId ? ctx.ruleUrls[m.ruleId] : undefined;
  const line = m.line && m.line > 0 ? m.line : undefined;
  const excerpt = sourceExcerpt(source, line);
  return {
    tool: 'eslint',
    // A file eslint cannot parse was checked by no rule at all: it blocks like a test that cannot load.
    kind: parse ? 'collection_error' : 'lint_error',
    severity: parse ? 'blocker' : m.severity >= 2 ? 'medium' : 'low',
    category: parse ? 'collection' : 'lint',
    scope: { file, symbol: rule, ...(line ? { line } : {}) },
    // Line numbers shift with unrelated edits; the nth identical problem in a file does not.
    fingerprint: fingerprint(['eslint', parse ? 'collection_error' : 'lint_error', file, rule, messageSignature(m.message, roots), String(occurrence)]),
    title: parse ? `${file} cannot be parsed: ${m.message}`.slice(0, 200) : `${rule}: ${m.message} (${file})`.slice(0, 200),
    message: `${m.message}${url ? ` (${url})` : ''}`.slice(0, 4000),
    evidence: {
      ...(excerpt ? { excerpt } : {}),
      sourceFiles: [file],
      details: {
        ruleId: rule,
        ...(url ? { ruleUrl: url } : {}),
        eslintSeverity: m.severity,
        ...(line ? { line } : {}),
        ...(m.column ? { column: m.column } : {}),
        ...(m.endLine ? { endLine: m.endLine } : {}),
        ...(m.endColumn ? { endColumn: m.endColumn } : {}),
        fixable: m.fix !== undefined && m.fix !== null,
        suggestions: m.suggestions?.length ?? 0,
      },
    },
    artifacts: ctx.artifacts,
  };
}

/** One finding per problem eslint reported (ignored-file notices aside), in report order. */
export function problemFindings(files: readonly EslintFile[], ctx: FindingContext): Finding[] {
  const out: Finding[] = [];
  for (const f of files) {
    const file = repoRelative(f.filePath, ctx.repoDir) ?? toPosix(f.filePath);
    const seen = new Map<string, number>();
    for (const m of f.messages) {
      if (!m.ruleId && !m.fatal && IGNORED_FILE.test(m.message)) continue;
      const key = `${m.ruleId ?? ''}\u0000${messageSignature(m.message)}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      out.push(findingFor(file, m, n, f.source, ctx));
    }
  }
  return out;
}
