import type { ChangedFile } from '../guards/contract.js';
import { git } from './git.js';
import type { GitOptions } from './git.js';
import { parseRawNumstatPatch } from './parse-diff.js';
import { assertTaskWorktree } from './worktree-check.js';

export interface WorktreeDiff {
  changes: ChangedFile[];
  /** A `git apply`-able patch, binary files included. */
  patch: string;
}

// Whatever the user configured, the output must be machine-readable and apply-able.
const PLAIN = ['--no-color', '--no-ext-diff', '--no-textconv', '--no-relative', '--src-prefix=a/', '--dst-prefix=b/'];

/**
 * Everything the worktree at `dir` changed against `baseSha`: tracked edits, deletions, renames,
 * and untracked new files (ignored files excepted). Stages all into the worktree's own index
 * (`git add -A`), which belongs to the worktree, not to the user's checkout. Renames are
 * detected (`-M`); copies are reported as additions so their whole content counts. Paths in
 * `exclude` (root-level names) are never staged.
 */
export async function diffWorktree(dir: string, baseSha: string, opts: GitOptions = {}, exclude: readonly string[] = []): Promise<WorktreeDiff> {
  const call = { ...opts, cwd: dir };
  await assertTaskWorktree(dir, opts);
  await git(['add', '-A'], { ...call, hint: `check the worktree at ${dir}; a nested .git or an unreadable file can stop git add` });
  // Linked dependency dirs (node_modules) are ATQOS's, not the agent's: unstaged again (pathspecs
  // are literal here, so an exclude pathspec is not available).
  if (exclude.length) await git(['rm', '-r', '--cached', '--ignore-unmatch', '--quiet', '--', ...exclude], call);
  // One process for both: the NUL-separated records come first, then the patch.
  const out = await git(['diff', '--cached', '-M', '--raw', '--numstat', '-z', '--patch', '--binary', ...PLAIN, baseSha, '--'], call);
  return parseRawNumstatPatch(out.stdout);
}
