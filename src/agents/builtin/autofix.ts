import path from 'node:path';
import type { CommandSpec } from '../../core/index.js';
import { runCommand } from '../../runner/index.js';
import type { ExecResult } from '../../runner/index.js';
import type { AgentContext, AgentRequest, AgentResult } from '../contract.js';
import type { Fixer } from './fixers.js';
import { insideWorktree } from './worktree-file.js';

function why(exec: ExecResult): string {
  if (exec.failedToStart) return `could not start: ${exec.error ?? 'unknown error'}`;
  if (exec.timedOut) return `timed out after ${Math.round(exec.durationMs)} ms`;
  if (exec.aborted) return 'was interrupted';
  return exec.exitCode === null ? `was killed by ${exec.signal ?? 'a signal'}` : `exited with ${exec.exitCode}`;
}

function run(cmd: CommandSpec, n: number, request: AgentRequest, ctx: AgentContext): Promise<ExecResult> {
  const timeoutMs = Math.min(cmd.timeoutMs ?? request.timeoutMs, request.timeoutMs);
  return runCommand({
    argv: cmd.argv,
    cwd: cmd.cwd ? insideWorktree(request.worktree, cmd.cwd) : request.worktree,
    env: { ...ctx.env, ...cmd.env },
    stdoutPath: path.join(ctx.attemptDir, `autofix-${n}.stdout`),
    stderrPath: path.join(ctx.attemptDir, `autofix-${n}.stderr`),
    timeoutMs,
    signal: ctx.signal,
    label: 'the plugin autofix command',
    hint: 'install the tool in the environment ATQOS runs in, or remove its autofix from the plugin config',
  });
}

/**
 * Runs the plugin's own fixer commands (`request.autofix`) in the worktree, in order, stopping
 * at the first that fails. Exit 0 is `fixed`: the engine diffs and validates either way.
 */
export const autofix: Fixer = async (request, ctx): Promise<AgentResult> => {
  const commands = request.autofix ?? [];
  for (const [i, cmd] of commands.entries()) {
    const exec = await run(cmd, i + 1, request, ctx);
    if (exec.exitCode !== 0) {
      return { status: 'error', summary: `the autofix command \`${cmd.argv.join(' ')}\` ${why(exec)}; its output is in autofix-${i + 1}.stdout/.stderr`, filesChanged: [] };
    }
  }
  return { status: 'fixed', summary: `ran ${commands.length} autofix command(s): ${commands.map((c) => `\`${c.argv.join(' ')}\``).join(', ')}`, filesChanged: [] };
};
