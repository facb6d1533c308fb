import fs from 'node:fs';
import path from 'node:path';
import { AtqosError } from '../core/index.js';
import { git } from './git.js';
import type { GitOptions } from './git.js';

/**
 * Confirms `dir` is still a linked worktree of its own before ATQOS stages or commits there. An
 * agent that deleted or rewrote the worktree's `.git` file would otherwise send `git add -A` to
 * an enclosing repository: the user's own index, when runs live inside the checkout. Returns the
 * worktree's own git dir.
 */
export async function assertTaskWorktree(dir: string, opts: GitOptions = {}): Promise<string> {
  const refuse = (why: string): AtqosError =>
    new AtqosError('git_worktree_tampered', `'${dir}' is no longer an ATQOS task worktree: ${why}`, {
      hint: 'discard this attempt and recreate the worktree; the agent must not touch the worktree\'s .git file',
    });
  const dotGit = path.join(dir, '.git');
  if (!isFile(dotGit)) throw refuse('its .git file is missing or replaced');
  const res = await git(['rev-parse', '--show-toplevel', '--absolute-git-dir', '--git-common-dir'], { ...opts, cwd: dir, allowFail: true });
  const [top = '', gitDir = '', common = ''] = res.stdout.split('\n');
  if (res.exitCode !== 0 || real(top) !== real(dir)) throw refuse('git does not see it as its own working tree');
  if (real(gitDir) === real(path.resolve(dir, common))) throw refuse('its .git file points at a main repository');
  const backLink = readText(path.join(gitDir, 'gitdir')).trim();
  if (real(backLink) !== real(dotGit)) throw refuse('its git dir belongs to another worktree');
  return gitDir;
}

function isFile(p: string): boolean {
  try {
    return fs.lstatSync(p).isFile();
  } catch {
    return false;
  }
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function real(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}
