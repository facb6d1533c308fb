/**
 * Why a changed path cannot be a plain repo-relative file path, or undefined when it can.
 * Guards reject such paths outright: they escape the worktree or reach into git's own files.
 */
export function pathProblem(path: string): string | undefined {
  if (path === '') return 'is empty';
  if (path.includes('\0')) return 'contains a NUL byte';
  if (path.includes('\\')) return 'contains a backslash (paths are posix, relative to the repo root)';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'is absolute';
  const segments = path.split('/');
  if (segments.includes('..')) return 'climbs out of the repository with `..`';
  if (segments.includes('.') || segments.includes('')) return 'is not normalized (`.` or empty segment)';
  if (segments.includes('.git')) return "is inside git's own `.git` directory";
  return undefined;
}
