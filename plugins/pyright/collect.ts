import path from 'node:path';
import type { CollectContext, CollectResult } from '../../src/plugin/contract.js';
import { asPathArg } from '../_lib/path-arg.js';
import { parseOptions } from './schema.js';
import type { PyrightOptions } from './schema.js';

/** Artifact names normalize reads, and their files under `raw/pyright/` (ctx.exec names them). */
export const ARTIFACTS = { report: 'pyright.stdout', stderr: 'pyright.stderr' } as const;

/** pyright with its JSON report on stdout. It takes no `--`: a path starting with `-` gets `./`. */
export function collectArgv(options: PyrightOptions): string[] {
  return [...options.command, '--outputjson', ...options.args, ...options.paths.map(asPathArg)];
}

/** Runs pyright once over the configured paths and records its report. */
export async function collect(ctx: CollectContext): Promise<CollectResult> {
  const options = parseOptions(ctx.options);
  const exec = await ctx.exec('pyright', { argv: collectArgv(options), cwd: '.', timeoutMs: Math.round(options.timeoutSec * 1000) });
  ctx.log.info({ exitCode: exec.exitCode, durationMs: exec.durationMs, timedOut: exec.timedOut }, 'pyright finished');
  const rel = (file: string) => path.posix.join(ctx.rawDir.replace(/\\/g, '/'), file);
  return { exec, artifacts: Object.entries(ARTIFACTS).map(([name, file]) => ctx.artifact(name, rel(file))) };
}
