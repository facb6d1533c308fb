import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTaskWorktree, removeTaskWorktree } from './worktree.js';
import { listWorktrees } from './worktree-list.js';
import { atqosBranches, checkoutState, makeRepo, read, sh, write } from './test-support.js';
import { rejectionOf } from '../core/test-support.js';

const BRANCH = 'atqos/fix/0123456789ab';

/** A repo whose user has a modified tracked file, a staged change and an untracked file. */
function dirtyRepo() {
  const made = makeRepo({ 'src/app.py': 'x = 1\n', 'README.md': 'readme\n', 'staged.txt': 'old\n' });
  write(made.repo, 'src/app.py', 'x = 2  # user edit\n');
  write(made.repo, 'staged.txt', 'staged edit\n');
  sh(made.repo, 'add', 'staged.txt');
  write(made.repo, 'notes.txt', 'untracked\n');
  return made;
}

describe('createTaskWorktree', () => {
  it('checks out the base on the task branch and leaves the dirty user checkout exactly as it was', async () => {
    const { repo, root, base } = dirtyRepo();
    const before = checkoutState(repo);
    const dir = await createTaskWorktree({ repo, baseSha: base, dir: path.join(root, 'wt', 'task 1'), branch: BRANCH });
    expect(read(dir, 'src/app.py')).toBe('x = 1\n');
    expect(read(dir, 'staged.txt')).toBe('old\n');
    expect(fs.existsSync(path.join(dir, 'notes.txt'))).toBe(false);
    expect(sh(dir, 'rev-parse', 'HEAD').trim()).toBe(base);
    expect(sh(dir, 'symbolic-ref', 'HEAD').trim()).toBe(`refs/heads/${BRANCH}`);
    write(dir, 'src/app.py', 'x = 3  # agent edit\n');
    await removeTaskWorktree(repo, dir);
    expect(checkoutState(repo)).toEqual(before);
    expect(read(repo, 'src/app.py')).toBe('x = 2  # user edit\n');
    expect(read(repo, 'notes.txt')).toBe('untracked\n');
  });

  it('works from a detached HEAD', async () => {
    const { repo, root, base } = makeRepo({ 'a.txt': 'a\n' });
    sh(repo, 'checkout', '--quiet', '--detach', base);
    const dir = await createTaskWorktree({ repo, baseSha: base, dir: path.join(root, 'wt'), branch: BRANCH });
    expect(sh(dir, 'rev-parse', 'HEAD').trim()).toBe(base);
    expect(sh(repo, 'rev-parse', '--symbolic-full-name', 'HEAD').trim()).toBe('HEAD');
  });

  it('resets a branch left by a previous run instead of creating another', async () => {
    const { repo, root, base } = makeRepo({ 'a.txt': 'a\n' });
    const first = await createTaskWorktree({ repo, baseSha: base, dir: path.join(root, 'run1', 'wt'), branch: BRANCH });
    write(first, 'a.txt', 'previous run\n');
    sh(first, 'commit', '--quiet', '-am', 'previous attempt');
    // A new run, in another directory, while the old worktree still holds the branch.
    const second = await createTaskWorktree({ repo, baseSha: base, dir: path.join(root, 'run2', 'wt'), branch: BRANCH });
    expect(sh(second, 'rev-parse', 'HEAD').trim()).toBe(base);
    expect(sh(repo, 'rev-parse', BRANCH).trim()).toBe(base);
    expect(atqosBranches(repo)).toEqual([BRANCH]);
    expect(fs.existsSync(first)).toBe(false);
    expect((await listWorktrees(repo)).map((w) => w.branch)).toEqual(['refs/heads/main', `refs/heads/${BRANCH}`]);
  });

  it('recovers from each leftover of a crashed run', async () => {
    const { repo, root, base } = makeRepo({ 'a.txt': 'a\n' });
    const dir = path.join(root, 'wt');
    // 1. Registered and present, with uncommitted junk.
    await createTaskWorktree({ repo, baseSha: base, dir, branch: BRANCH });
    write(dir, 'junk.txt', 'half-done\n');
    await createTaskWorktree({ repo, baseSha: base, dir, branch: BRANCH });
    expect(fs.existsSync(path.join(dir, 'junk.txt'))).toBe(false);
    // 2. Registered but the directory is gone, and locked.
    sh(repo, 'worktree', 'lock', dir);
    fs.rmSync(dir, { recursive: true });
    await createTaskWorktree({ repo, baseSha: base, dir, branch: BRANCH });
    expect(read(dir, 'a.txt')).toBe('a\n');
    // 3. Present but its registration is gone.
    fs.rmSync(path.join(repo, '.git', 'worktrees'), { recursive: true });
    write(dir, 'junk.txt', 'orphan\n');
    await createTaskWorktree({ repo, baseSha: base, dir, branch: BRANCH });
    expect(fs.existsSync(path.join(dir, 'junk.txt'))).toBe(false);
    expect((await listWorktrees(repo)).length).toBe(2);
  });

  it('creates several worktrees of one repo in parallel', async () => {
    const { repo, root, base } = makeRepo({ 'a.txt': 'a\n' });
    const names = ['aaaaaaaaaaaa', 'bbbbbbbbbbbb', 'cccccccccccc', 'dddddddddddd'].map((fp) => `atqos/fix/${fp}`);
    const dirs = await Promise.all(names.map((branch, i) => createTaskWorktree({ repo, baseSha: base, dir: path.join(root, 'wt', String(i), 'w'), branch })));
    expect(atqosBranches(repo)).toEqual(names);
    for (const dir of dirs) expect(read(dir, 'a.txt')).toBe('a\n');
  });

  it('refuses a branch checked out in the user checkout, a foreign directory and the repo itself', async () => {
    const { repo, root, base } = makeRepo({ 'a.txt': 'a\n' });
    sh(repo, 'checkout', '--quiet', '-b', BRANCH);
    const inUse = await rejectionOf(createTaskWorktree({ repo, baseSha: base, dir: path.join(root, 'wt'), branch: BRANCH }));
    expect(inUse.code).toBe('git_branch_in_use');
    expect(inUse.hint).toMatch(/switch/);
    sh(repo, 'checkout', '--quiet', 'main');

    write(root, 'mine/precious.txt', 'keep\n');
    const occupied = await rejectionOf(createTaskWorktree({ repo, baseSha: base, dir: path.join(root, 'mine'), branch: BRANCH }));
    expect(occupied.code).toBe('git_dir_occupied');
    expect(read(root, 'mine/precious.txt')).toBe('keep\n');

    for (const dir of [repo, root]) {
      const err = await rejectionOf(createTaskWorktree({ repo, baseSha: base, dir, branch: BRANCH }));
      expect(err.code).toBe('git_bad_worktree_dir');
      expect((await rejectionOf(removeTaskWorktree(repo, dir))).code).toBe('git_bad_worktree_dir');
    }
    expect(read(repo, 'a.txt')).toBe('a\n');
  });

  it('refuses a sha that is not one and a hostile branch name', async () => {
    const { repo, root } = makeRepo({ 'a.txt': 'a\n' });
    const dir = path.join(root, 'wt');
    expect((await rejectionOf(createTaskWorktree({ repo, baseSha: '--orphan', dir, branch: BRANCH }))).code).toBe('git_bad_sha');
    expect((await rejectionOf(createTaskWorktree({ repo, baseSha: 'f'.repeat(40), dir, branch: BRANCH }))).code).toBe('git_failed');
    expect((await rejectionOf(createTaskWorktree({ repo, baseSha: 'f'.repeat(40), dir, branch: '-D main' }))).code).toBe('git_bad_branch');
    expect(sh(repo, 'branch', '--list').trim()).toBe('* main');
  });
});

describe('removeTaskWorktree', () => {
  it('removes the worktree, keeps the branch, and is fine to call twice', async () => {
    const { repo, root, base } = makeRepo({ 'a.txt': 'a\n' });
    const dir = await createTaskWorktree({ repo, baseSha: base, dir: path.join(root, 'wt'), branch: BRANCH });
    write(dir, 'a.txt', 'uncommitted\n');
    await removeTaskWorktree(repo, dir);
    await removeTaskWorktree(repo, dir);
    expect(fs.existsSync(dir)).toBe(false);
    expect(atqosBranches(repo)).toEqual([BRANCH]);
    expect((await listWorktrees(repo)).length).toBe(1);
  });
});
