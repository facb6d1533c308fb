import fs from 'node:fs';
import path from 'node:path';
import type { CollectContext, CollectResult } from '../../src/plugin/contract.js';
import { repoRelative } from '../../src/core/index.js';
import { importedRepoFiles } from './imports.js';
import { parseVitestReport } from './report.js';
import { NPX_VITEST, parseOptions, VITEST_ENV } from './schema.js';
import type { VitestOptions } from './schema.js';

/** Artifact names normalize reads, and their file names under `raw/vitest/`. */
export const ARTIFACTS = {
  report: 'vitest.json',
  imports: 'imports.json',
  stdout: 'vitest.stdout',
  stderr: 'vitest.stderr',
} as const;

/** A path argument must never be read as an option. */
const asPathArg = (p: string) => (p.startsWith('-') ? `./${p}` : p);

/** The launcher for a checkout: the configured command, the repo's own bin, else npx. */
export function launcher(options: VitestOptions, repoDir: string): string[] {
  if (options.command) return [...options.command];
  const local = path.join(repoDir, 'node_modules', '.bin', 'vitest');
  return fs.existsSync(local) ? [local] : [...NPX_VITEST];
}

/** The one `vitest run` of a collect: never watch mode, a JSON report with test locations. */
export function collectArgv(prefix: readonly string[], options: VitestOptions, reportPath: string): string[] {
  return [
    ...prefix,
    'run',
    ...options.testPaths.map(asPathArg),
    ...options.args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportPath}`,
    '--includeTaskLocation',
    // The results cache would be written into the repo's node_modules/.vite.
    '--no-cache',
  ];
}

/** Test files that failed, repo-relative, from a report (none when it is unreadable). */
function failedFiles(reportPath: string, repoDir: string): string[] {
  const text = fs.existsSync(reportPath) ? fs.readFileSync(reportPath, 'utf8') : undefined;
  const parsed = text === undefined ? undefined : parseVitestReport(text);
  if (!parsed?.ok) return [];
  return parsed.report.files.filter((f) => f.status === 'failed').flatMap((f) => repoRelative(f.name, repoDir) ?? []);
}

/**
 * Runs the suite once with the JSON reporter, then records which repo files each failing test
 * file imports (normalize is pure and cannot read them). Non-zero exits are data for normalize.
 */
export async function collect(ctx: CollectContext): Promise<CollectResult> {
  const options = parseOptions(ctx.options);
  const abs = (file: string) => path.join(ctx.runDir, ctx.rawDir, file);
  const rel = (file: string) => path.posix.join(ctx.rawDir, file);
  const exec = await ctx.exec('vitest', {
    argv: collectArgv(launcher(options, ctx.repoDir), options, abs(ARTIFACTS.report)),
    cwd: '.',
    env: VITEST_ENV,
    timeoutMs: Math.round(options.timeoutSec * 1000),
  });
  ctx.log.info({ exitCode: exec.exitCode, durationMs: exec.durationMs, timedOut: exec.timedOut }, 'vitest finished');
  const imports = Object.fromEntries(failedFiles(abs(ARTIFACTS.report), ctx.repoDir).map((f) => [f, importedRepoFiles(ctx.repoDir, f)]));
  fs.writeFileSync(abs(ARTIFACTS.imports), `${JSON.stringify(imports, null, 2)}\n`);
  return { exec, artifacts: Object.entries(ARTIFACTS).map(([name, file]) => ctx.artifact(name, rel(file))) };
}
