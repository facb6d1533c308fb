import fs from 'node:fs';
import path from 'node:path';
import { AtqosError } from '../core/index.js';
import { assertBranchName } from './branch-name.js';
import { git } from './git.js';
import type { GitOptions } from './git.js';
import { listWorktrees } from './worktree-list.js';
import { withRepoLock } from './repo-lock.js';
import type { WorktreeEntry } from './worktree-list.js';

export interface TaskWorktreeSpec {
  /** Any directory of the user's repository (its main checkout). */
  repo: string;
  /** The run's base commit; the worktree starts there. */
  baseSha: string;
  /** Where the worktree goes; created, or replaced when a previous run left it behind. */
  dir: string;
  /** Created, or reset to `baseSha` when it exists: reruns reuse the branch. Absent: a detached HEAD. */
  branch?: string;
}

/**
 * Checks out `baseSha` into `dir` on `branch` (`git worktree add -B`), or detached when no branch
 * is given. The user's working tree, index and HEAD are never touched. Idempotent: a leftover
 * worktree at `dir` or holding `branch` from an earlier or crashed run is removed first. Refuses
 * when `branch` is checked out in the user's main checkout, since resetting it would move their work.
 */
export async function createTaskWorktree(spec: TaskWorktreeSpec, opts: GitOptions = {}): Promise<string> {
  const branch = spec.branch === undefined ? undefined : assertBranchName(spec.branch);
  assertSha(spec.baseSha);
  const dir = path.resolve(spec.dir);
  assertNotRepo(spec.repo, dir);
  return withRepoLock(spec.repo, async () => {
    // A fresh dir is the common case: try the add alone, and clean up only when git refuses it
    // (a stale registration, the branch held elsewhere). A failed add leaves nothing behind.
    if (!fs.existsSync(dir)) {
      fs.mkdirSync(path.dirname(dir), { recursive: true });
      const res = await git(addArgs(spec.baseSha, branch, dir), { ...opts, cwd: spec.repo, allowFail: true });
      if (res.exitCode === 0) return dir;
    }
    return addWorktree(spec, branch, dir, opts);
  });
}

function addArgs(baseSha: string, branch: string | undefined, dir: string): string[] {
  const on = branch === undefined ? ['--detach'] : ['-B', branch];
  return ['worktree', 'add', '--quiet', ...on, dir, baseSha];
}

async function addWorktree(spec: TaskWorktreeSpec, branch: string | undefined, dir: string, opts: GitOptions): Promise<string> {
  await git(['worktree', 'prune'], { ...opts, cwd: spec.repo });
  for (const entry of await listWorktrees(spec.repo, opts)) {
    const holdsBranch = branch !== undefined && entry.branch === `refs/heads/${branch}`;
    if (holdsBranch && entry.main) {
      throw new AtqosError('git_branch_in_use', `branch '${branch}' is checked out in your checkout at ${entry.path}`, {
        hint: `switch that checkout to another branch (git switch -); ATQOS resets '${branch}' for each run`,
      });
    }
    if (!entry.main && (holdsBranch || samePath(entry.path, dir))) await dropWorktree(spec.repo, entry, opts);
  }
  clearLeftoverDir(dir);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  await git(addArgs(spec.baseSha, branch, dir), {
    ...opts,
    cwd: spec.repo,
    hint: `check that ${spec.baseSha} exists in ${spec.repo} and that ${path.dirname(dir)} is writable`,
  });
  return dir;
}

/**
 * Removes the worktree at `dir` (forced: its changes are the attempt's, already diffed) and prunes
 * stale registrations. The branch stays. Removing what is already gone is not an error.
 */
export async function removeTaskWorktree(repo: string, dir: string, opts: GitOptions = {}): Promise<void> {
  const abs = path.resolve(dir);
  assertNotRepo(repo, abs);
  await withRepoLock(repo, async () => {
    // The common case is one intact worktree: one remove does it. Anything else (gone, tampered,
    // stale) takes the thorough path below.
    const quick = await git(['worktree', 'remove', '--force', '--force', abs], { ...opts, cwd: repo, allowFail: true });
    if (quick.exitCode === 0 && !fs.existsSync(abs)) return;
    for (const entry of await listWorktrees(repo, opts)) {
      if (!entry.main && samePath(entry.path, abs)) await dropWorktree(repo, entry, opts);
    }
    clearLeftoverDir(abs, { keepForeign: true });
    await git(['worktree', 'prune'], { ...opts, cwd: repo });
  });
}

async function dropWorktree(repo: string, entry: WorktreeEntry, opts: GitOptions): Promise<void> {
  // Twice --force: also removes locked worktrees and ones with uncommitted changes.
  await git(['worktree', 'remove', '--force', '--force', entry.path], { ...opts, cwd: repo, allowFail: true });
  clearLeftoverDir(entry.path, { keepForeign: true });
  await git(['worktree', 'prune'], { ...opts, cwd: repo });
}

/** A dir with a `.git` file is a worktree we may delete; any other non-empty dir is not ours. */
function clearLeftoverDir(dir: string, opts: { keepForeign?: boolean } = {}): void {
  if (!fs.existsSync(dir)) return;
  if (isGitFile(path.join(dir, '.git'))) {
    fs.rmSync(dir, { recursive: true, force: true });
    return;
  }
  if (opts.keepForeign || fs.readdirSync(dir).length === 0) return;
  throw new AtqosError('git_dir_occupied', `'${dir}' exists, is not empty and is not a git worktree`, {
    hint: 'choose another worktree directory or remove this one; ATQOS only deletes directories it created',
  });
}

function isGitFile(p: string): boolean {
  try {
    return fs.lstatSync(p).isFile();
  } catch {
    return false;
  }
}

/** Guards the recursive deletes above: never the repo itself or a directory containing it. */
function assertNotRepo(repo: string, dir: string): void {
  const repoReal = realish(repo);
  const dirReal = realish(dir);
  const rel = path.relative(dirReal, repoReal);
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) {
    throw new AtqosError('git_bad_worktree_dir', `worktree directory '${dir}' is the repository or contains it`, {
      hint: 'put task worktrees in a directory of their own, e.g. under the run directory',
    });
  }
}

function assertSha(sha: string): void {
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha)) {
    throw new AtqosError('git_bad_sha', `'${sha.slice(0, 80)}' is not a full commit sha`, { hint: 'pass the sha from resolveBase()' });
  }
}

function samePath(a: string, b: string): boolean {
  return realish(a) === realish(b);
}

/** realpath of the longest existing prefix, so /tmp and /private/tmp compare equal even for missing dirs. */
function realish(p: string): string {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(realish(parent), path.basename(abs));
  }
}
