import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AtqosError } from '../core/index.js';
import { composeCommitMessage, parseTrailerLines } from './commit-message.js';
import type { CommitMessage } from './commit-message.js';
import { git } from './git.js';
import type { GitOptions } from './git.js';
import { assertTaskWorktree } from './worktree-check.js';

/**
 * Stages the worktree `dir` — only `paths` when given (what the guards saw: files that appeared
 * later, say written by the tests during validation, stay out) — and commits it as ATQOS, with
 * trailers, without hooks or signing. The message goes through a file, never argv or a shell. Idempotent: when nothing
 * is left to commit and HEAD already carries exactly these trailers (a resumed run), returns
 * HEAD instead of failing or committing twice.
 */
export async function commitAttempt(dir: string, msg: CommitMessage, opts: GitOptions = {}, paths?: readonly string[]): Promise<string> {
  const message = composeCommitMessage(msg);
  const call = { ...opts, cwd: dir };
  const gitDir = await assertTaskWorktree(dir, opts);
  // Paths are literal (gitEnv sets GIT_LITERAL_PATHSPECS), so a file named like a glob is just a file.
  await git(paths ? ['add', '-A', '--', ...paths] : ['add', '-A'], call);
  const file = writeMessage(message, opts.logDir);
  let res;
  try {
    // Commit first, ask why only when it fails: a fix attempt nearly always has changes.
    res = await git(['commit', '--quiet', '--no-verify', '--cleanup=verbatim', '-F', file], { ...call, allowFail: true });
  } finally {
    if (opts.logDir === undefined) fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  if (res.exitCode !== 0) {
    const staged = await git(['diff', '--cached', '--quiet', '--no-ext-diff'], { ...call, allowFail: true });
    if (staged.exitCode === 0) return alreadyCommitted(dir, msg, opts);
    throw new AtqosError('git_failed', `git commit failed (exit ${res.exitCode}) in ${dir}: ${(res.stderr || res.stdout).trim().slice(-800) || '(no output)'}`, {
      hint: `run git commit in ${dir} to see the problem`,
    });
  }
  return detachedHead(gitDir) ?? headSha(dir, opts);
}

/** A detached worktree's HEAD file holds the sha itself; anything else is left to rev-parse. */
function detachedHead(gitDir: string): string | undefined {
  try {
    const text = fs.readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
    return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

/** The trailers of commit `rev` (sha or branch) in `repo`, key → value. */
export async function readTrailers(repo: string, rev: string, opts: GitOptions = {}): Promise<Record<string, string>> {
  const res = await git(['log', '-1', '--format=%(trailers:only,unfold,separator=%x00)', '--end-of-options', rev, '--'], {
    ...opts,
    cwd: repo,
    hint: `check that '${rev}' names a commit in ${repo}`,
  });
  return parseTrailerLines(res.stdout);
}

async function alreadyCommitted(dir: string, msg: CommitMessage, opts: GitOptions): Promise<string> {
  const head = await headSha(dir, opts);
  const have = await readTrailers(dir, head, opts);
  const want = Object.entries(msg.trailers);
  if (want.every(([key, value]) => have[key] === value.trim())) return head;
  throw new AtqosError('git_nothing_to_commit', `the worktree at ${dir} has no changes to commit`, {
    hint: 'an attempt that changed nothing is not a fix; diff the worktree before committing',
  });
}

async function headSha(dir: string, opts: GitOptions): Promise<string> {
  const res = await git(['rev-parse', '--verify', 'HEAD^{commit}'], { ...opts, cwd: dir });
  return res.stdout.trim();
}

function writeMessage(message: string, logDir: string | undefined): string {
  const dir = logDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-msg-'));
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `commit-message-${randomUUID()}.txt`);
  fs.writeFileSync(file, message);
  return file;
}
