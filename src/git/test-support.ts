// Helpers for src/git specs: real repositories in temp dirs, set up with plain git (not our code).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function tempDir(prefix = 'atqos-git-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

const emptyHome = tempDir('atqos-git-home-');

/** The setup's own environment: no GIT_* from outside, no user config, a developer identity. */
export const setupEnv: Record<string, string> = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && !k.startsWith('GIT_')) as [string, string][]),
  HOME: emptyHome,
  XDG_CONFIG_HOME: path.join(emptyHome, '.config'),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Dev',
  GIT_AUTHOR_EMAIL: 'dev@example.com',
  GIT_COMMITTER_NAME: 'Dev',
  GIT_COMMITTER_EMAIL: 'dev@example.com',
};

/** Runs git for test setup or inspection; returns stdout. */
export function sh(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: setupEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function write(root: string, rel: string, content: string | Buffer): void {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

export function read(root: string, rel: string): string {
  return fs.readFileSync(path.join(root, rel), 'utf8');
}

/** A repository on `main` with `files` committed; returns its path and the commit sha. */
export function makeRepo(files: Record<string, string | Buffer>): { repo: string; base: string; root: string } {
  const root = tempDir();
  const repo = path.join(root, 'repo');
  fs.mkdirSync(repo);
  sh(repo, 'init', '--quiet', '-b', 'main');
  for (const [rel, content] of Object.entries(files)) write(repo, rel, content);
  sh(repo, 'add', '-A');
  sh(repo, 'commit', '--quiet', '-m', 'initial');
  return { repo, root, base: sh(repo, 'rev-parse', 'HEAD').trim() };
}

export function commitAll(repo: string, message: string): string {
  sh(repo, 'add', '-A');
  sh(repo, 'commit', '--quiet', '-m', message);
  return sh(repo, 'rev-parse', 'HEAD').trim();
}

/** Everything about the user's checkout that ATQOS must leave alone. */
export function checkoutState(repo: string): Record<string, string> {
  return {
    head: sh(repo, 'rev-parse', 'HEAD'),
    symbolic: sh(repo, 'rev-parse', '--symbolic-full-name', 'HEAD'),
    status: sh(repo, 'status', '--porcelain=v1', '-z', '--untracked-files=all'),
    index: sh(repo, 'ls-files', '--stage', '-z'),
    unstaged: sh(repo, 'diff', '--binary'),
    staged: sh(repo, 'diff', '--cached', '--binary'),
  };
}

/** Names of all branches under atqos/. */
export function atqosBranches(repo: string): string[] {
  return sh(repo, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/atqos/').split('\n').filter(Boolean).sort();
}

/** A full task message's trailers, as the engine would pass them. */
export function trailersFor(task: string, attempt = 1): Record<string, string> {
  return { 'ATQOS-Run': 'run-1', 'ATQOS-Task': task, 'ATQOS-Finding': 'f'.repeat(40), 'ATQOS-Agent': 'builtin', 'ATQOS-Attempt': String(attempt) };
}
