import fs from 'node:fs';
import path from 'node:path';
import type { CollectContext, CollectResult } from '../../src/plugin/contract.js';
import { ESLINT_ENV, NPX_ESLINT, parseOptions } from './schema.js';
import type { EslintOptions } from './schema.js';

/** Artifact names normalize reads, and their file names under `raw/eslint/`. */
export const ARTIFACTS = {
  report: 'eslint.json',
  stdout: 'eslint.stdout',
  stderr: 'eslint.stderr',
} as const;

/** A path argument must never be read as an option. */
export const asPathArg = (p: string): string => (p.startsWith('-') ? `./${p}` : p);

/** The launcher for a checkout: the configured command, the repo's own bin, else npx. */
export function launcher(options: EslintOptions, repoDir: string): string[] {
  if (options.command) return [...options.command];
  const local = path.join(repoDir, 'node_modules', '.bin', 'eslint');
  return fs.existsSync(local) ? [local] : [...NPX_ESLINT];
}

/** The one eslint invocation of a collect: every configured path, a JSON report with rule docs. */
export function collectArgv(prefix: readonly string[], options: EslintOptions, reportPath: string): string[] {
  return [...prefix, ...options.args, '--format', 'json-with-metadata', '--output-file', reportPath, '--', ...options.paths];
}

/** Lints the repo once. Exit 1 (problems found) and 2 (eslint failed) are data for normalize. */
export async function collect(ctx: CollectContext): Promise<CollectResult> {
  const options = parseOptions(ctx.options);
  const abs = path.join(ctx.runDir, ctx.rawDir, ARTIFACTS.report);
  const exec = await ctx.exec('eslint', {
    argv: collectArgv(launcher(options, ctx.repoDir), options, abs),
    cwd: '.',
    env: ESLINT_ENV,
    timeoutMs: Math.round(options.timeoutSec * 1000),
  });
  ctx.log.info({ exitCode: exec.exitCode, durationMs: exec.durationMs, timedOut: exec.timedOut }, 'eslint finished');
  return { exec, artifacts: Object.entries(ARTIFACTS).map(([name, file]) => ctx.artifact(name, path.posix.join(ctx.rawDir, file))) };
}
