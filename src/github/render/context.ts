import type { Finding, FindingKind } from '../../core/index.js';
import { Severity } from '../../core/index.js';
import type { BuildPlanInput, LabelConfig } from '../plan-input.js';
import { DEFAULT_LABELS } from '../plan-input.js';

/** Kinds that mean "something is broken" (a red check, a `failure` annotation). */
export const FAILING_KINDS: ReadonlySet<FindingKind> = new Set<FindingKind>(['test_failure', 'test_error', 'collection_error', 'env_error', 'tool_error']);

/** The input plus what every renderer derives from it, computed once. */
export interface PlanContext {
  input: BuildPlanInput;
  /** This run's findings, most severe first, then by fingerprint; one per fingerprint. */
  findings: Finding[];
  failing: Finding[];
  /** Whether the run finished and its conclusion is not `error`: only then may issues be closed. */
  trusted: boolean;
  /** The commit the run tested; permalinks point at it. */
  sha: string;
  labels: LabelConfig;
}

export function isFailing(f: Finding): boolean {
  return FAILING_KINDS.has(f.kind);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Most severe first, then by fingerprint: a stable order that does not depend on the locale. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const rank = (f: Finding) => Severity.options.indexOf(f.severity);
  const sorted = [...findings].sort((a, b) => rank(a) - rank(b) || compareStrings(a.fingerprint, b.fingerprint) || compareStrings(a.title, b.title));
  const seen = new Set<string>();
  return sorted.filter((f) => !seen.has(f.fingerprint) && Boolean(seen.add(f.fingerprint)));
}

export function planContext(input: BuildPlanInput): PlanContext {
  const findings = sortFindings(input.findings);
  return {
    input,
    findings,
    failing: findings.filter(isFailing),
    trusted: input.run.status === 'finished' && input.run.conclusion !== undefined && input.run.conclusion !== 'error',
    sha: input.run.baseSha ?? input.headSha,
    labels: { ...DEFAULT_LABELS, ...input.labels },
  };
}

/** Labels from templates, filled in, cut to GitHub's 50 characters, without duplicates. */
export function fillLabels(templates: readonly string[], values: Readonly<Record<string, string>>): string[] {
  const out = templates
    .map((t) => t.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole).trim().slice(0, 50))
    .filter((l) => l.length > 0);
  return [...new Set(out)];
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
