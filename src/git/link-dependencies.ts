import fs from 'node:fs';
import path from 'node:path';

/** Installed-dependency directories a project's tools look for at its root. */
export const DEPENDENCY_DIRS: readonly string[] = ['node_modules', '.venv', 'venv'];

/**
 * Links the repo's installed dependencies (untracked dirs such as `node_modules`, `.venv`) into a
 * fresh worktree, so the project's own tools run there as in the checkout (`npx --no-install
 * vitest`, `.venv/bin/python`). A name the worktree already has (tracked content) is left alone.
 * Returns the names linked: they are not the agent's changes, so diffs must exclude them.
 */
export function linkDependencyDirs(repo: string, worktree: string, names: readonly string[] = DEPENDENCY_DIRS): string[] {
  const linked: string[] = [];
  for (const name of names) {
    const source = path.join(repo, name);
    const target = path.join(worktree, name);
    let isDir = false;
    try {
      isDir = fs.statSync(source).isDirectory();
    } catch {
      continue;
    }
    if (!isDir || fs.existsSync(target) || isSymlink(target)) continue;
    fs.symlinkSync(fs.realpathSync(source), target, 'dir');
    linked.push(name);
  }
  return linked;
}

function isSymlink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
