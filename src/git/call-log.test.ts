import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../core/test-support.js';
import { git } from './git.js';
import { makeRepo, tempDir } from './test-support.js';

function logFiles(dir: string, verb: string): { stdout: string; stderr: string } {
  const name = fs.readdirSync(dir).find((f) => f.endsWith(`-${verb}.stdout`));
  if (!name) throw new Error(`no ${verb} log in ${dir}`);
  const base = path.join(dir, name.slice(0, -'.stdout'.length));
  return { stdout: fs.readFileSync(`${base}.stdout`, 'utf8'), stderr: fs.readFileSync(`${base}.stderr`, 'utf8') };
}

describe('git call logs', () => {
  it('keeps what git printed, for calls that worked and calls that failed', async () => {
    const { repo, base } = makeRepo({ 'a.txt': 'a\n' });
    const logDir = path.join(tempDir(), 'attempt', 'git');
    await git(['rev-parse', 'HEAD'], { cwd: repo, logDir });
    expect(logFiles(logDir, 'rev-parse')).toEqual({ stdout: `${base}\n`, stderr: '' });
    const failed = await git(['cat-file', 'blob', 'HEAD:nope.txt'], { cwd: repo, logDir, allowFail: true });
    expect(failed.exitCode).toBe(128);
    const logged = logFiles(logDir, 'cat-file');
    expect(logged.stdout).toBe('');
    expect(logged.stderr).toBe(failed.stderr);
    expect(logged.stderr).toMatch(/nope\.txt/);
  });

  it('leaves no temp directory behind when no log directory is given', async () => {
    const { repo } = makeRepo({ 'a.txt': 'a\n' });
    // The runner-era temp dirs were named atqos-git-XXXXXX (six random characters).
    const ownTemp = (): string[] => fs.readdirSync(os.tmpdir()).filter((f) => /^atqos-git-[A-Za-z0-9]{6}$/.test(f));
    const before = ownTemp();
    await Promise.all([git(['status', '--porcelain'], { cwd: repo }), git(['rev-parse', 'HEAD'], { cwd: repo })]);
    expect(ownTemp().filter((f) => !before.includes(f))).toEqual([]);
  });

  it('refuses before running git when the log directory cannot be made', async () => {
    const { repo } = makeRepo({ 'a.txt': 'a\n' });
    const blocker = path.join(tempDir(), 'file');
    fs.writeFileSync(blocker, '');
    const err = await rejectionOf(git(['rev-parse', 'HEAD'], { cwd: repo, logDir: path.join(blocker, 'git') }));
    expect(err.code).toBe('git_not_started');
    expect(err.message).toMatch(/cannot create the directory of output file/);
  });
});
