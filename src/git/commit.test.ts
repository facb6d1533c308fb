import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AtqosError } from '../core/index.js';
import { commitAttempt, readTrailers } from './commit.js';
import { composeCommitMessage } from './commit-message.js';
import { gitEnv } from './git.js';
import { createTaskWorktree } from './worktree.js';
import { makeRepo, sh, tempDir, trailersFor, write } from './test-support.js';

async function taskWorktree(files: Record<string, string> = { 'a.py': 'a = 1\n' }) {
  const made = makeRepo(files);
  const dir = await createTaskWorktree({ repo: made.repo, baseSha: made.base, dir: path.join(made.root, 'wt'), branch: 'atqos/fix/0123456789ab' });
  return { ...made, dir };
}

const HOSTILE_SUBJECT = 'fix test_$(rm -rf /)_`touch pwned`; echo $HOME\nATQOS-Task: forged';
const HOSTILE_BODY = 'Evidence:\n# not a comment\n---\n$(id) `uname` \\n "quoted" \'single\'\r\nATQOS-Run: forged-run';

describe('commitAttempt', () => {
  it('commits everything as ATQOS with trailers that read back', async () => {
    const { repo, dir, base } = await taskWorktree();
    write(dir, 'a.py', 'a = 2\n');
    write(dir, 'new file.py', 'b = 1\n');
    const sha = await commitAttempt(dir, { subject: 'fix: a', body: 'why', trailers: trailersFor('task-1') });
    expect(sh(repo, 'rev-parse', 'atqos/fix/0123456789ab').trim()).toBe(sha);
    expect(sh(repo, 'rev-parse', `${sha}^`).trim()).toBe(base);
    expect(sh(repo, 'show', '-s', '--format=%an <%ae>|%cn <%ce>', sha).trim()).toBe(
      'ATQOS <atqos@users.noreply.github.com>|ATQOS <atqos@users.noreply.github.com>',
    );
    expect(sh(repo, 'show', '--name-only', '--format=', sha).trim().split('\n').sort()).toEqual(['a.py', 'new file.py']);
    expect(await readTrailers(repo, sha)).toEqual(trailersFor('task-1'));
    expect(await readTrailers(repo, 'atqos/fix/0123456789ab')).toEqual(trailersFor('task-1'));
    expect(sh(dir, 'status', '--porcelain')).toBe('');
  });

  it('with paths, commits only those (a deletion and a glob-like name included), never files that appeared later', async () => {
    const { repo, dir } = await taskWorktree();
    write(dir, 'a.py', 'a = 3\n');
    write(dir, '*.py', 'literal = 1\n');
    write(dir, 'written-by-the-tests.txt', 'left by validation\n');
    const sha = await commitAttempt(dir, { subject: 'fix: a', body: '', trailers: trailersFor('task-2') }, {}, ['a.py', '*.py']);
    expect(sh(repo, 'show', '--name-only', '--format=', sha).trim().split('\n').sort()).toEqual(['*.py', 'a.py']);
    expect(sh(dir, 'status', '--porcelain')).toBe('?? written-by-the-tests.txt\n');
  });

  it('keeps hostile subject and body literal, and lets no body text pose as a trailer', async () => {
    const { repo, dir } = await taskWorktree();
    const marker = path.join(tempDir(), 'pwned');
    write(dir, 'a.py', 'a = 3\n');
    const subject = HOSTILE_SUBJECT.replace('touch pwned', `touch ${marker}`);
    const sha = await commitAttempt(dir, { subject, body: HOSTILE_BODY, trailers: trailersFor('task-2') });
    const raw = sh(repo, 'cat-file', 'commit', sha);
    const message = raw.slice(raw.indexOf('\n\n') + 2);
    expect(message.split('\n')[0]).toBe(subject.replace('\n', ' '));
    expect(message).toContain('# not a comment\n---\n$(id) `uname` \\n "quoted" \'single\'\nATQOS-Run: forged-run');
    expect(await readTrailers(repo, sha)).toEqual(trailersFor('task-2'));
    expect(fs.existsSync(marker)).toBe(false);
    expect(message).toBe(composeCommitMessage({ subject, body: HOSTILE_BODY, trailers: trailersFor('task-2') }));
  });

  it('runs no hooks and does not sign, whatever the repository configures', async () => {
    const { repo, dir } = await taskWorktree();
    const markers = tempDir();
    for (const hook of ['pre-commit', 'prepare-commit-msg', 'commit-msg', 'post-commit', 'post-checkout']) {
      const file = path.join(repo, '.git', 'hooks', hook);
      fs.writeFileSync(file, `#!/bin/sh\ntouch '${path.join(markers, hook)}'\nexit 1\n`, { mode: 0o755 });
    }
    sh(repo, 'config', 'commit.gpgSign', 'true');
    sh(repo, 'config', 'gpg.program', path.join(markers, 'no-such-gpg'));
    write(dir, 'a.py', 'a = 4\n');
    const sha = await commitAttempt(dir, { subject: 'fix', trailers: trailersFor('task-3') });
    await createTaskWorktree({ repo, baseSha: sha, dir: path.join(markers, 'wt2'), branch: 'atqos/fix/ffffffffffff' });
    expect(fs.readdirSync(markers)).toEqual(['wt2']);
    expect(sh(repo, 'cat-file', 'commit', sha)).not.toContain('gpgsig');
    // The hooks are live: a plain git commit would have run them.
    write(dir, 'a.py', 'a = 5\n');
    expect(spawnSync('git', ['commit', '-qam', 'plain', '--no-gpg-sign'], { cwd: dir }).status).not.toBe(0);
    expect(fs.readdirSync(markers)).toContain('pre-commit');
  });

  it('commits on a machine with no git identity configured', async () => {
    const { repo, dir } = await taskWorktree();
    const home = tempDir();
    sh(repo, 'config', 'user.useConfigOnly', 'true');
    const bare = { PATH: process.env.PATH ?? '', HOME: home };
    write(dir, 'a.py', 'a = 6\n');
    expect(spawnSync('git', ['commit', '-qam', 'plain', '--no-verify'], { cwd: dir, env: bare }).status).not.toBe(0);
    const env = gitEnv(bare);
    const sha = await commitAttempt(dir, { subject: 'fix', trailers: trailersFor('task-4') }, { env });
    expect(sh(repo, 'show', '-s', '--format=%an', sha).trim()).toBe('ATQOS');
  });

  it('returns the existing commit when called again for the same attempt, and refuses an empty attempt', async () => {
    const { repo, dir, base } = await taskWorktree();
    write(dir, 'a.py', 'a = 7\n');
    const sha = await commitAttempt(dir, { subject: 'fix', trailers: trailersFor('task-5') });
    expect(await commitAttempt(dir, { subject: 'fix', trailers: trailersFor('task-5') })).toBe(sha);
    expect(sh(repo, 'rev-list', '--count', `${base}..${sha}`).trim()).toBe('1');
    const err = await commitAttempt(dir, { subject: 'fix', trailers: trailersFor('task-5', 2) }).catch((e: AtqosError) => e);
    expect((err as AtqosError).code).toBe('git_nothing_to_commit');
  });

  it.each([
    [{ 'ATQOS Run': 'x' }, /trailer key/],
    [{ 'ATQOS-Run': 'a\nATQOS-Task: forged' }, /one-line/],
    [{ 'ATQOS-Run': '  ' }, /non-empty/],
    [{}, /needs trailers/],
  ])('refuses bad trailers %j before touching git', async (trailers, message) => {
    const { dir, base } = await taskWorktree();
    write(dir, 'a.py', 'a = 8\n');
    await expect(commitAttempt(dir, { subject: 'fix', trailers })).rejects.toThrowError(message);
    expect(sh(dir, 'rev-parse', 'HEAD').trim()).toBe(base);
  });
});
