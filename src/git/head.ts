import fs from 'node:fs';
import { AtqosError } from '../core/index.js';
import { git } from './git.js';
import type { GitOptions } from './git.js';

/**
 * The commit sha HEAD points at: the run's base. Works on a branch or a detached HEAD; a dirty
 * working tree is irrelevant (only committed state is a base). Throws with a hint when `repo`
 * is not a git checkout or has no commits yet.
 */
export async function resolveBase(repo: string, opts: GitOptions = {}): Promise<string> {
  if (!isDirectory(repo)) {
    throw new AtqosError('git_not_a_repo', `'${repo}' is not a directory`, { hint: 'run ATQOS inside a git checkout or pass its path' });
  }
  const inside = await git(['rev-parse', '--is-inside-work-tree'], { ...opts, cwd: repo, allowFail: true });
  if (inside.exitCode !== 0 || inside.stdout.trim() !== 'true') {
    throw new AtqosError('git_not_a_repo', `'${repo}' is not inside a git working tree`, {
      hint: 'run `git init` and commit the project first; ATQOS fixes work on commits in isolated worktrees',
    });
  }
  const head = await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { ...opts, cwd: repo, allowFail: true });
  const sha = head.stdout.trim();
  if (head.exitCode !== 0 || !/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha)) {
    throw new AtqosError('git_no_commits', `the repository at '${repo}' has no commits yet`, {
      hint: 'commit first (`git add -A && git commit -m initial`); ATQOS branches start from a commit',
    });
  }
  return sha;
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
