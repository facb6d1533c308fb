import path from 'node:path';

/** Forward-slash form of a path. */
export function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}

/**
 * Repo-relative posix path for `p` if it lies inside `repoDir`, else undefined.
 * Relative inputs are taken as already relative to the repo.
 */
export function repoRelative(p: string, repoDir: string): string | undefined {
  const posix = toPosix(p);
  if (!path.posix.isAbsolute(posix) && !/^[A-Za-z]:\//.test(posix)) {
    const norm = path.posix.normalize(posix);
    return norm.startsWith('../') || norm === '..' ? undefined : norm.replace(/^\.\//, '');
  }
  const rel = path.posix.relative(toPosix(repoDir), posix);
  if (rel === '' || rel.startsWith('../') || path.posix.isAbsolute(rel)) return undefined;
  return rel;
}
