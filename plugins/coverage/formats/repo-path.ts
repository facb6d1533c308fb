import path from 'node:path';
import { repoRelative, toPosix } from '../../../src/core/index.js';

/**
 * A report's file name as a repo-relative posix path, or undefined when it lies outside the
 * repo. Relative names are tried under each source root (Cobertura `<source>`) first, then as
 * relative to the repo itself; absolute names (LCOV `SF:`) are made relative to the repo.
 */
export function toRepoPath(name: string, repoDir: string, roots: readonly string[] = []): string | undefined {
  const posix = toPosix(name.trim());
  if (!posix) return undefined;
  if (isAbsolute(posix)) return repoRelative(posix, repoDir);
  for (const root of roots) {
    const r = toPosix(root.trim());
    if (!r) continue;
    const rel = repoRelative(path.posix.join(r, posix), repoDir);
    if (rel !== undefined) return rel;
  }
  return repoRelative(posix, repoDir);
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:\//.test(p);
}
