import os from 'node:os';
import path from 'node:path';
import type { CollectContext, CollectResult } from '../../src/plugin/contract.js';
import { asPathArg } from '../_lib/path-arg.js';
import { mypyPrefix, outputFlags, parseOptions } from './schema.js';
import type { MypyOptions } from './schema.js';

/** Artifact names normalize reads, and their files under `raw/mypy/` (ctx.exec names them). */
export const ARTIFACTS = { output: 'mypy.stdout', stderr: 'mypy.stderr' } as const;

/**
 * mypy over the configured paths. mypy 1.0 has no JSON output (`-O json` came in 1.11), so the
 * flags pin its text format; a newer mypy given `-O json` in args writes JSON lines, read too.
 */
export function collectArgv(options: MypyOptions): string[] {
  return [...mypyPrefix(options), ...outputFlags(os.devNull), ...options.args, '--', ...options.paths.map(asPathArg)];
}

/** Runs mypy once and records its output. Exit codes are data for normalize. */
export async function collect(ctx: CollectContext): Promise<CollectResult> {
  const options = parseOptions(ctx.options);
  const exec = await ctx.exec('mypy', { argv: collectArgv(options), cwd: '.', timeoutMs: Math.round(options.timeoutSec * 1000) });
  ctx.log.info({ exitCode: exec.exitCode, durationMs: exec.durationMs, timedOut: exec.timedOut }, 'mypy finished');
  const rel = (file: string) => path.posix.join(ctx.rawDir.replace(/\\/g, '/'), file);
  return { exec, artifacts: Object.entries(ARTIFACTS).map(([name, file]) => ctx.artifact(name, rel(file))) };
}
