// Helpers for the `atqos run` end-to-end tests: a fixture project configured with a fake agent,
// the CLI run with --json, and what git says afterwards.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { atqos, copyProject, FIXTURES, isAlive, makeProject, parseJsonOut } from './support.js';
import type { CliResult } from './support.js';

export const AGENTS = path.join(FIXTURES, 'agents');
export const DEMO_FIXES = path.join(AGENTS, 'scripts', 'demo-fixes.json');

/** argv for a fake agent in fixtures/agents, e.g. `agentArgv('rename-test', '--function')`. */
export function agentArgv(name: string, ...args: string[]): string[] {
  return [path.join(AGENTS, `${name}.mjs`), ...args];
}

export interface RunConfig {
  /** The command agent's argv; omitted: the builtin agent is the default. */
  argv?: string[];
  byTaskType?: Record<string, string>;
  /** agents.fallback: tried in order after a timeout, failure or no change. */
  fallback?: string[];
  /** Further `agents` sections, e.g. `{ 'claude-code': { bin: … } }`. */
  agentSections?: Record<string, unknown>;
  remediation?: Record<string, number>;
}

/** `.github/atqos.yml` text; JSON is YAML, and it quotes absolute paths safely. */
export function atqosYml(c: RunConfig): string {
  const fallback = { ...(c.fallback ? { fallback: c.fallback } : {}), ...c.agentSections };
  const agents = c.argv ? { default: 'command', byTaskType: c.byTaskType ?? {}, ...fallback, command: { argv: c.argv } } : { default: 'builtin', byTaskType: c.byTaskType ?? {}, ...fallback };
  return `${JSON.stringify({ agents, remediation: { maxAttempts: 2, attemptTimeoutSec: 20, ...c.remediation } }, null, 2)}\n`;
}

/** A committed copy of `fixtures/projects/<name>` configured to run with `config`. */
export function configuredProject(name: string, config: RunConfig, extra: Record<string, string> = {}): string {
  return copyProject(name, { '.github/atqos.yml': atqosYml(config), ...extra });
}

/** A committed project made of `files`, configured to run with `config`. */
export function configuredFiles(label: string, config: RunConfig, files: Record<string, string>): string {
  return makeProject(label, { '.github/atqos.yml': atqosYml(config), ...files });
}

export interface TaskRow { id: string; type: string; title: string; status: string; branch: string | null }
export interface AttemptRow { task: string; n: number; agent: string; outcome: string; reason: string; diffStat: { files: number }; guardsFailed: string[] }
export interface Checkpoint {
  failingBefore: number; failingAfter: number; integrationBranch: string; applied: string[];
  conflicted: unknown[]; fixed: string[]; introduced: string[]; trustworthy: boolean;
}
export interface Remediation {
  skipped?: string;
  tasks: TaskRow[];
  attempts: AttemptRow[];
  accepted: { task: string; branch: string; commit: string }[];
  checkpoint: Checkpoint | null;
  stopReason: string | null;
}
export interface PlannedTask { id: string; type: string; allowedPaths: string[]; targets: { files: string[]; nodeIds: string[] } }
export interface RunOut { runId: string; runDir: string; status: string; conclusion: string; tasks: PlannedTask[]; remediation: Remediation }

export interface Ran { repo: string; result: CliResult; out: RunOut }

/** `atqos run --json` on `repo`, its stdout parsed; fails with the output when it is not JSON. */
export async function runJson(repo: string): Promise<Ran> {
  const result = await atqos(['run', '--json', '--repo', repo], repo);
  return { repo, result, out: parseJsonOut<RunOut>(result) };
}

/** git's stdout; with `allowFail`, a non-zero exit gives its (usually empty) stdout instead of throwing. */
export function gitIn(repo: string, args: string[], allowFail = false): string {
  try {
    return execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    if (allowFail) return String((err as { stdout?: unknown }).stdout ?? '');
    throw err;
  }
}

/** Local branch names matching a `git branch --list` pattern such as `atqos/fix/*`. */
export function branches(repo: string, pattern: string): string[] {
  return gitIn(repo, ['branch', '--list', '--format=%(refname:short)', pattern]).split('\n').filter(Boolean);
}

/** Paths of every worktree git knows for `repo`, the main checkout first. */
export function worktrees(repo: string): string[] {
  return gitIn(repo, ['worktree', 'list', '--porcelain']).split('\n').filter((l) => l.startsWith('worktree ')).map((l) => l.slice('worktree '.length));
}

/** Files a branch changed against its merge base with the user's HEAD. */
export function changedFiles(repo: string, branch: string): string[] {
  return gitIn(repo, ['diff', '--name-only', `HEAD...${branch}`]).split('\n').filter(Boolean);
}

export function attemptDir(out: RunOut, task: string, n: number): string {
  return path.join(out.runDir, 'tasks', task, `attempt-${n}`);
}

export function attemptsOf(out: RunOut, task: string): AttemptRow[] {
  return out.remediation.attempts.filter((a) => a.task === task).sort((a, b) => a.n - b.n);
}

/** Whether a process still runs; a zombie waiting for its reaper does not count. */
export function isRunning(pid: number): boolean {
  if (!fs.existsSync('/proc/self/stat')) return isAlive(pid);
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Runs `work` over `items` at most `limit` at a time (the e2e machine has few cores). */
export async function inBatches<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}
