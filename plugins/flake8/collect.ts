import path from 'node:path';
import type { CollectContext, CollectResult } from '../../src/plugin/contract.js';
import { asPathArg } from '../_lib/path-arg.js';
import { RECORD_FORMAT } from './output.js';
import { flake8Prefix, parseOptions } from './schema.js';
import type { Flake8Options } from './schema.js';

/** Artifact names normalize reads, and their files under `raw/flake8/` (ctx.exec names them). */
export const ARTIFACTS = { output: 'flake8.stdout', stderr: 'flake8.stderr' } as const;

/**
 * Flags every collect carries whatever the repo's config says: flake8 has no JSON formatter, so
 * `--format` pins one record per violation (see output.ts); `--no-show-source` keeps a
 * `show-source = true` in the config from adding source lines between them.
 */
export function outputFlags(): string[] {
  return [`--format=${RECORD_FORMAT}`, '--no-show-source'];
}

/** flake8 over the configured paths; the repo's `.flake8`/`setup.cfg`/`tox.ini` still applies. */
export function collectArgv(options: Flake8Options): string[] {
  return [...flake8Prefix(options), ...outputFlags(), ...options.args, '--', ...options.paths.map(asPathArg)];
}

/** Runs flake8 once and records its output. Exit codes are data for normalize. */
export async function collect(ctx: CollectContext): Promise<CollectResult> {
  const options = parseOptions(ctx.options);
  const exec = await ctx.exec('flake8', { argv: collectArgv(options), cwd: '.', timeoutMs: Math.round(options.timeoutSec * 1000) });
  ctx.log.info({ exitCode: exec.exitCode, durationMs: exec.durationMs, timedOut: exec.timedOut }, 'flake8 finished');
  const rel = (file: string) => path.posix.join(ctx.rawDir.replace(/\\/g, '/'), file);
  return { exec, artifacts: Object.entries(ARTIFACTS).map(([name, file]) => ctx.artifact(name, rel(file))) };
}
