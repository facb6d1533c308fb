import type { Finding } from '../core/index.js';

/**
 * Drops the findings another finding says it explains better (`supersedes`): a flaky test's
 * failure, an obsolete test's import error. A finding never drops itself, and two findings that
 * supersede each other both stay (neither explanation is better).
 */
export function supersede(findings: readonly Finding[]): { kept: Finding[]; dropped: Finding[] } {
  const claims = new Map<string, Set<string>>();
  for (const f of findings) {
    for (const fp of f.supersedes ?? []) {
      if (fp === f.fingerprint) continue;
      claims.set(fp, (claims.get(fp) ?? new Set()).add(f.fingerprint));
    }
  }
  const isDropped = (f: Finding): boolean => {
    const by = claims.get(f.fingerprint);
    if (!by) return false;
    // Mutual claims cancel out.
    return [...by].some((other) => !claims.get(other)?.has(f.fingerprint));
  };
  const kept: Finding[] = [];
  const dropped: Finding[] = [];
  for (const f of findings) (isDropped(f) ? dropped : kept).push(f);
  return { kept, dropped };
}
