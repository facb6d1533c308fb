import fs from 'node:fs';
import path from 'node:path';
import type { AgentContext, AgentRequest, AgentResult } from '../contract.js';
import type { Fixer } from './fixers.js';
import { processFailure, runInWorktree, snapshot } from './autofix-run.js';
import { readIfExists } from './worktree-file.js';

const shown = (argv: readonly string[]) => `\`${argv.join(' ')}\``;

/** The first lines of a command's output, for a summary that says what is left. */
function outputHead(ctx: AgentContext, name: string): string {
  const read = (ext: string) => { try { return fs.readFileSync(path.join(ctx.attemptDir, `${name}.${ext}`), 'utf8'); } catch { return ''; } };
  const text = `${read('stdout')}\n${read('stderr')}`.split('\n').map((l) => l.trimEnd()).filter(Boolean).slice(0, 12).join('\n');
  return text.length > 1500 ? `${text.slice(0, 1500)}…` : text;
}

/**
 * Re-runs the task's validation commands after the fixer: all exit 0 → `fixed`; otherwise the
 * fixer did part of the work → `partial`, and the engine's own validation has the last word.
 */
async function judge(request: AgentRequest, ctx: AgentContext, changed: string[], ran: string): Promise<AgentResult> {
  for (const [i, cmd] of request.validation.entries()) {
    const name = `autofix-check-${i + 1}`;
    const exec = await runInWorktree(cmd, name, request, ctx);
    const failure = processFailure(exec);
    if (failure || exec.exitCode !== 0) {
      const head = outputHead(ctx, name);
      return {
        status: 'partial',
        summary: `${ran} changed ${changed.join(', ')} but problems remain: ${shown(cmd.argv)} ${failure ?? `exited with ${exec.exitCode}`} (${name}.stdout/.stderr)${head ? `:\n${head}` : ''}`,
        filesChanged: changed,
      };
    }
  }
  return { status: 'fixed', summary: `${ran} changed ${changed.join(', ')}; the task's checks now pass`, filesChanged: changed };
}

/**
 * Runs the plugin's own fixer commands (`request.autofix`) in the worktree, in order. A fixer's
 * exit code is not its verdict: `eslint --fix` and `ruff check --fix` exit 1 whenever problems
 * they cannot fix remain. Only a process that did not run to its end is an error; after that the
 * diff of the task's files and a re-run of its checks decide between fixed, partial and gave_up.
 */
export const autofix: Fixer = async (request, ctx): Promise<AgentResult> => {
  const commands = request.autofix ?? [];
  const before = await snapshot(request, readIfExists);
  const exits: string[] = [];
  const exitCodes: (number | null)[] = [];
  for (const [i, cmd] of commands.entries()) {
    const exec = await runInWorktree(cmd, `autofix-${i + 1}`, request, ctx);
    const failure = processFailure(exec);
    if (failure) return { status: 'error', summary: `the autofix command ${shown(cmd.argv)} ${failure}; its output is in autofix-${i + 1}.stdout/.stderr`, filesChanged: [] };
    exitCodes.push(exec.exitCode);
    exits.push(`${shown(cmd.argv)} exited with ${exec.exitCode}`);
  }
  const after = await snapshot(request, readIfExists);
  const changed = [...before.keys()].filter((f) => before.get(f) !== after.get(f));
  const ran = `ran ${commands.map((c) => shown(c.argv)).join(', ')}`;
  if (changed.length === 0) {
    // Changing nothing with a failing exit is a fixer that did not work, not one with nothing to do.
    const status = exitCodes.some((c) => c !== 0) ? 'error' : 'gave_up';
    return { status, summary: `the autofix changed none of ${[...before.keys()].join(', ') || 'the task\'s files'} (${exits.join('; ')}); its output is in autofix-*.stdout/.stderr`, filesChanged: [] };
  }
  return judge(request, ctx, changed, ran);
};
