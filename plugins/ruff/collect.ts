import path from 'node:path';
import type { CollectContext, CollectResult } from '../../src/plugin/contract.js';
import { asPathArg } from '../_lib/path-arg.js';
import { parseOptions } from './schema.js';
import type { RuffOptions } from './schema.js';

/** Artifact names normalize reads, and their files under `raw/ruff/` (ctx.exec names them). */
export const ARTIFACTS = { report: 'ruff.stdout', stderr: 'ruff.stderr' } as const;

/**
 * `ruff check` with the JSON report on stdout. No `--exit-zero`: exit 1 means "found problems",
 * exit 2 a crash, and normalize tells them apart. `--no-cache` keeps `.ruff_cache` out of the repo.
 */
export function collectArgv(options: RuffOptions): string[] {
  return [...options.command, 'check', '--output-format', 'json', '--no-cache', ...options.args, '--', ...options.paths.map(asPathArg)];
}

/** Runs ruff once over the configured paths and records its report. */
export async function collect(ctx: CollectContext): Promise<CollectResult> {
  const options = parseOptions(ctx.options);
  const exec = await ctx.exec('ruff', { argv: collectArgv(options), cwd: '.', timeoutMs: Math.round(options.timeoutSec * 1000) });
  ctx.log.info({ exitCode: exec.exitCode, durationMs: exec.durationMs, timedOut: exec.timedOut }, 'ruff finished');
  const rel = (file: string) => path.posix.join(ctx.rawDir.replace(/\\/g, '/'), file);
  return { exec, artifacts: Object.entries(ARTIFACTS).map(([name, file]) => ctx.artifact(name, rel(file))) };
}
