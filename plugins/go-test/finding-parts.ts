import { fingerprint, messageSignature } from '../../src/core/index.js';
import type { ArtifactRef, Category, Finding, FindingKind, Scope, Severity } from '../../src/core/index.js';

/** What every go-test finding is built from. */
export interface FindingParts {
  kind: FindingKind;
  category: Category;
  severity: Severity;
  scope: Scope;
  /** Stable identity besides kind and message: node id, or import path plus a stage. */
  key: string;
  title: string;
  message: string;
  excerpt?: string;
  sourceFiles?: string[];
  details?: Record<string, unknown>;
  artifacts: ArtifactRef[];
  roots: string[];
}

function relativize(text: string, roots: readonly string[]): string {
  let out = text;
  for (const r of roots.filter(Boolean)) out = out.split(`${r.replace(/[\\/]+$/, '')}/`).join('');
  return out;
}

/** A finding whose fingerprint holds no line number and no absolute path. */
export function goFinding(p: FindingParts): Finding {
  const message = relativize(p.message, p.roots);
  return {
    tool: 'go-test',
    kind: p.kind,
    severity: p.severity,
    category: p.category,
    scope: p.scope,
    fingerprint: fingerprint(['go-test', p.kind, p.key, p.category, messageSignature(message, p.roots)]),
    title: relativize(p.title, p.roots).slice(0, 200),
    message: message.slice(0, 4000),
    evidence: {
      ...(p.excerpt ? { excerpt: relativize(p.excerpt, p.roots) } : {}),
      assertionMessage: message.slice(0, 4000),
      sourceFiles: [...new Set(p.sourceFiles ?? [])].sort(),
      ...(p.details ? { details: p.details } : {}),
    },
    artifacts: p.artifacts,
  };
}
