import { git } from './git.js';
import type { GitOptions } from './git.js';

export interface WorktreeEntry {
  path: string;
  head?: string;
  /** Full ref, e.g. `refs/heads/atqos/fix/0123456789ab`; absent when detached. */
  branch?: string;
  /** The first entry is the repository's main working tree. */
  main: boolean;
  locked: boolean;
}

/** The repository's worktrees as git records them (`git worktree list --porcelain -z`). */
export async function listWorktrees(repo: string, opts: GitOptions = {}): Promise<WorktreeEntry[]> {
  const res = await git(['worktree', 'list', '--porcelain', '-z'], { ...opts, cwd: repo });
  return parseWorktreeList(res.stdout);
}

/** Parses `--porcelain -z` output: NUL-terminated attribute lines, an empty one ends each entry. */
export function parseWorktreeList(out: string): WorktreeEntry[] {
  const entries: WorktreeEntry[] = [];
  let current: WorktreeEntry | undefined;
  for (const field of out.split('\0')) {
    if (field === '') {
      if (current) entries.push(current);
      current = undefined;
      continue;
    }
    const space = field.indexOf(' ');
    const key = space === -1 ? field : field.slice(0, space);
    const value = space === -1 ? '' : field.slice(space + 1);
    if (key === 'worktree') current = { path: value, main: entries.length === 0, locked: false };
    else if (!current) continue;
    else if (key === 'HEAD') current.head = value;
    else if (key === 'branch') current.branch = value;
    else if (key === 'locked') current.locked = true;
  }
  if (current) entries.push(current);
  return entries;
}
