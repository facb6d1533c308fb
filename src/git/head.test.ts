import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBase } from './head.js';
import { makeRepo, sh, tempDir, write } from './test-support.js';
import { rejectionOf } from '../core/test-support.js';

describe('resolveBase', () => {
  it('returns the sha HEAD points at, ignoring a dirty tree', async () => {
    const { repo, base } = makeRepo({ 'a.txt': 'a\n' });
    write(repo, 'a.txt', 'changed\n');
    write(repo, 'new.txt', 'untracked\n');
    expect(await resolveBase(repo)).toBe(base);
  });

  it('works on a detached HEAD and from a subdirectory', async () => {
    const { repo, base } = makeRepo({ 'a.txt': 'a\n', 'sub/b.txt': 'b\n' });
    write(repo, 'a.txt', 'second\n');
    sh(repo, 'commit', '--quiet', '-am', 'second');
    sh(repo, 'checkout', '--quiet', '--detach', base);
    expect(await resolveBase(repo)).toBe(base);
    expect(await resolveBase(path.join(repo, 'sub'))).toBe(base);
  });

  it('says to commit first in a repository without commits', async () => {
    const dir = tempDir();
    sh(dir, 'init', '--quiet', '-b', 'main');
    const err = await rejectionOf(resolveBase(dir));
    expect(err.code).toBe('git_no_commits');
    expect(err.hint).toMatch(/commit first/);
  });

  it('says what to do outside a git repository and for a missing directory', async () => {
    const dir = tempDir();
    const notRepo = await rejectionOf(resolveBase(dir));
    expect(notRepo.code).toBe('git_not_a_repo');
    expect(notRepo.hint).toMatch(/git init/);
    const missing = await rejectionOf(resolveBase(path.join(dir, 'nope')));
    expect(missing.code).toBe('git_not_a_repo');
    expect(fs.existsSync(path.join(dir, 'nope'))).toBe(false);
  });
});
