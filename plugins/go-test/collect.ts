import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CollectContext, CollectResult } from '../../src/plugin/contract.js';
import { describePackages } from './packages.js';
import type { GoPackages } from './packages.js';
import { goEnv, parseOptions } from './schema.js';
import type { GoTestOptions } from './schema.js';

/** Artifact names normalize reads, and their file names under `raw/go-test/`. */
export const ARTIFACTS = {
  stream: 'go-test.stdout',
  stderr: 'go-test.stderr',
  packages: 'packages.json',
} as const;

/** A package pattern must never be read as a flag. */
function asPackageArg(p: string): string {
  return p.startsWith('-') ? `./${p}` : p;
}

/** The one `go test` invocation of a collect: every package, JSON events, no cached results. */
export function collectArgv(options: GoTestOptions): string[] {
  return [...options.command, 'test', '-json', '-count=1', `-timeout=${options.testTimeout}`, ...options.args, ...options.packages.map(asPackageArg)];
}

/**
 * go needs a build cache and a GOPATH (module cache). With HOME in the tool env go uses the
 * user's own, like any local `go test`. Without HOME (a bare CI env, a locked-down allowlist) go
 * would refuse to start, so they point into a per-user temp dir — never into the repo.
 */
export function cacheEnv(base: Readonly<Record<string, string>>): Record<string, string> {
  if (base['HOME'] || (base['GOCACHE'] && base['GOPATH'])) return {};
  const root = path.join(os.tmpdir(), `atqos-go-${os.userInfo().uid}`);
  return { GOCACHE: base['GOCACHE'] ?? path.join(root, 'cache'), GOPATH: base['GOPATH'] ?? path.join(root, 'path') };
}

async function listPackages(ctx: CollectContext, options: GoTestOptions, env: Record<string, string>): Promise<GoPackages> {
  const res = await ctx.exec('go-list', {
    argv: [...options.command, 'list', '-e', '-json', ...options.args.filter((a) => /^-(?:tags|mod)=/.test(a)), ...options.packages.map(asPackageArg)],
    cwd: '.',
    env,
    timeoutMs: Math.round(options.timeoutSec * 1000),
  });
  if (res.failedToStart || res.exitCode === null) return { packages: [], error: `go list did not run (${res.error ?? 'killed'})` };
  const stdout = fs.readFileSync(res.stdoutPath, 'utf8');
  return { packages: describePackages(stdout, ctx.repoDir), ...(res.exitCode !== 0 ? { error: `go list exited ${res.exitCode}` } : {}) };
}

/** Lists the packages, then runs the suite once. Non-zero exits are data for normalize. */
export async function collect(ctx: CollectContext): Promise<CollectResult> {
  const options = parseOptions(ctx.options);
  const env = { ...cacheEnv({ ...ctx.env, ...options.env }), ...goEnv(options) };
  const abs = (file: string) => path.join(ctx.runDir, ctx.rawDir, file);
  const rel = (file: string) => path.posix.join(ctx.rawDir.replace(/\\/g, '/'), file);
  fs.writeFileSync(abs(ARTIFACTS.packages), `${JSON.stringify(await listPackages(ctx, options, env), null, 2)}\n`);
  const exec = await ctx.exec('go-test', { argv: collectArgv(options), cwd: '.', env, timeoutMs: Math.round(options.timeoutSec * 1000) });
  ctx.log.info({ exitCode: exec.exitCode, durationMs: exec.durationMs, timedOut: exec.timedOut }, 'go test finished');
  return { exec, artifacts: Object.entries(ARTIFACTS).map(([name, file]) => ctx.artifact(name, rel(file))) };
}
