import path from 'node:path';
import type { CommandSpec } from '../../core/index.js';
import { runCommand } from '../../runner/index.js';
import type { ExecResult } from '../../runner/index.js';
import type { AgentContext, AgentRequest } from '../contract.js';
import { insideWorktree } from './worktree-file.js';

/** Why a process did not run to its own end, or undefined when it did (whatever its exit code). */
export function processFailure(exec: ExecResult): string | undefined {
  if (exec.failedToStart) return `could not start: ${exec.error ?? 'unknown error'}`;
  if (exec.timedOut) return `timed out after ${Math.round(exec.durationMs)} ms`;
  if (exec.aborted) return 'was interrupted';
  if (exec.exitCode === null) return `was killed by ${exec.signal ?? 'a signal'}`;
  return undefined;
}

/** The directory a command runs in: the worktree itself for `.`, else a folder inside it. */
function commandDir(worktree: string, cwd: string | undefined): string {
  return !cwd || path.resolve(worktree, cwd) === path.resolve(worktree) ? worktree : insideWorktree(worktree, cwd);
}

/** `cmd` in the worktree with the attempt's env, its output in `<name>.stdout|stderr` of the attempt dir. */
export function runInWorktree(cmd: CommandSpec, name: string, request: AgentRequest, ctx: AgentContext): Promise<ExecResult> {
  return runCommand({
    argv: cmd.argv,
    cwd: commandDir(request.worktree, cmd.cwd),
    env: { ...ctx.env, ...cmd.env },
    stdoutPath: path.join(ctx.attemptDir, `${name}.stdout`),
    stderrPath: path.join(ctx.attemptDir, `${name}.stderr`),
    timeoutMs: Math.min(cmd.timeoutMs ?? request.timeoutMs, request.timeoutMs),
    signal: ctx.signal,
    label: 'the plugin autofix command',
    hint: 'install the tool in the environment ATQOS runs in, or remove its autofix from the plugin config',
  });
}

/** The text of each target file (undefined when absent), to see what a fixer changed. */
export async function snapshot(request: AgentRequest, read: (abs: string) => Promise<string | undefined>): Promise<Map<string, string | undefined>> {
  const files = [...new Set(request.targets.files)];
  return new Map(await Promise.all(files.map(async (f) => [f, await read(insideWorktree(request.worktree, f))] as const)));
}
