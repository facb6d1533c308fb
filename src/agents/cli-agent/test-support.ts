// Helpers shared by the CLI adapters' specs: fake CLI paths, a real git worktree, edit scripts.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentPath, makeCtx, tempDir, tempProject } from '../test-support.js';
import type { AgentContext } from '../contract.js';

export const fakeClisDir = fileURLToPath(new URL('../../../fixtures/agent-clis/', import.meta.url));

export function fakeCli(name: 'claude' | 'codex' | 'cursor-agent'): string {
  return path.join(fakeClisDir, name);
}

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, env: GIT_ENV, stdio: 'ignore' });
}

/** A linked git worktree (its `.git` is a file) of a repo holding the tiny calc project. */
export function gitWorktree(): string {
  const repo = tempProject();
  git(repo, 'init', '-q');
  git(repo, 'add', '.');
  git(repo, 'commit', '-qm', 'base');
  const worktree = path.join(tempDir('atqos-cli-wt-'), 'wt');
  git(repo, 'worktree', 'add', '-q', '--detach', worktree);
  return worktree;
}

/** An edit script that fixes calc.py, in a temp dir. */
export function fixScript(): string {
  const file = path.join(tempDir('atqos-cli-edits-'), 'edits.json');
  fs.writeFileSync(file, JSON.stringify([{ path: 'src/calc.py', find: 'a - b', replace: 'a + b' }]));
  return file;
}

/** An attempt dir and a context whose env holds PATH (for `#!/usr/bin/env node`) plus `env`. */
export function cliCtx(env: Record<string, string> = {}, signal?: AbortSignal): { attemptDir: string; ctx: AgentContext } {
  const attemptDir = path.join(tempDir(), 'tasks', 'task-1', 'attempt-1');
  return { attemptDir, ctx: makeCtx(attemptDir, { PATH: agentPath(), ...env }, signal) };
}

export function readJson<T = unknown>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}
