import { AtqosError } from '../core/index.js';
import { git } from './git.js';
import type { GitOptions } from './git.js';

export interface ChangedFiles {
  baseSha: string;
  /** Repo-relative posix paths, sorted, unique. */
  files: string[];
}

/**
 * Files that differ between `since` and the working tree: committed, staged, unstaged and
 * untracked (not ignored) changes, renames as both paths. Paths come NUL-separated, so hostile
 * names survive. Throws with a hint when `since` names no commit.
 */
export async function changedFilesSince(repo: string, since: string, opts: GitOptions = {}): Promise<ChangedFiles> {
  if (since.startsWith('-')) throw new AtqosError('usage', `--changed-since ${since}: not a revision`, { hint: 'pass a branch, tag or commit such as origin/main' });
  const rev = await git(['rev-parse', '--verify', '--quiet', `${since}^{commit}`], { ...opts, cwd: repo, allowFail: true });
  const baseSha = rev.stdout.trim();
  if (rev.exitCode !== 0 || !baseSha) {
    throw new AtqosError('usage', `--changed-since ${since}: no such commit in ${repo}`, {
      hint: 'fetch it first (in Actions: actions/checkout with fetch-depth: 0), or pass a commit sha',
    });
  }
  const diff = await git(['diff', '--name-only', '-z', '--no-renames', baseSha, '--'], { ...opts, cwd: repo });
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z'], { ...opts, cwd: repo });
  const files = new Set([...diff.stdout.split('\0'), ...untracked.stdout.split('\0')].filter(Boolean));
  return { baseSha, files: [...files].sort() };
}
