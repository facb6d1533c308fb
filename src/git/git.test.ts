import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ATQOS_IDENTITY, git, gitEnv } from './git.js';
import { makeRepo, tempDir } from './test-support.js';
import { rejectionOf } from '../core/test-support.js';

describe('git', () => {
  it('returns stdout and keeps the call logs in the given directory', async () => {
    const { repo, base } = makeRepo({ 'a.txt': 'a\n' });
    const logDir = path.join(tempDir(), 'logs');
    const res = await git(['rev-parse', 'HEAD'], { cwd: repo, logDir });
    expect(res).toEqual({ exitCode: 0, stdout: `${base}\n`, stderr: '' });
    const files = fs.readdirSync(logDir);
    expect(files.some((f) => f.endsWith('-rev-parse.stdout'))).toBe(true);
  });

  it('throws with the stderr tail and a hint on failure, or returns it with allowFail', async () => {
    const { repo } = makeRepo({ 'a.txt': 'a\n' });
    const err = await rejectionOf(git(['rev-parse', '--verify', 'no-such-ref'], { cwd: repo, hint: 'do the thing' }));
    expect(err.code).toBe('git_failed');
    expect(err.message).toMatch(/exit 128.*Needed a single revision/);
    expect(err.hint).toBe('do the thing');
    const res = await git(['rev-parse', '--verify', 'no-such-ref'], { cwd: repo, allowFail: true });
    expect(res.exitCode).toBe(128);
  });

  it('never returns cut output and says when git cannot start', async () => {
    const { repo } = makeRepo({ 'big.txt': 'x'.repeat(10_000) });
    expect((await rejectionOf(git(['cat-file', 'blob', 'HEAD:big.txt'], { cwd: repo, maxBytes: 1000 }))).code).toBe('git_output_too_large');
    const noGit = await rejectionOf(git(['status'], { cwd: repo, env: { PATH: tempDir() } }));
    expect(noGit.code).toBe('git_not_started');
    expect(noGit.message).toMatch(/not found on PATH/);
  });

  it('builds an environment without inherited GIT_* or secrets, with ATQOS as the identity', () => {
    const env = gitEnv({ PATH: '/bin', HOME: '/h', GIT_DIR: '/elsewhere/.git', GIT_INDEX_FILE: '/x', GITHUB_TOKEN: 'secret' });
    expect(env.GIT_DIR).toBeUndefined();
    expect(env.GIT_INDEX_FILE).toBeUndefined();
    expect(env.GITHUB_TOKEN).toBeUndefined();
    expect(env).toMatchObject({ PATH: '/bin', HOME: '/h', GIT_TERMINAL_PROMPT: '0', GIT_AUTHOR_EMAIL: ATQOS_IDENTITY.email, GIT_COMMITTER_NAME: 'ATQOS' });
  });
});
