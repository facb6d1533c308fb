// Helpers shared by the eslint plugin's specs: the ts-app fixture in temp dirs and a real collect
// with this repo's own eslint (the fixture has no node_modules). Not part of the plugin.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCollectContext } from '../../src/engine/collect-context.js';
import { buildToolEnv, runCommand } from '../../src/runner/index.js';
import type { CommandSpec } from '../../src/core/index.js';
import type { ExecResult } from '../../src/runner/index.js';
import type { CollectResult, NormalizeInput } from '../../src/plugin/contract.js';
import { collect } from './collect.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** This repo's eslint, run by node: what `plugins.eslint.command` points at in the specs. */
export const ESLINT_COMMAND = [process.execPath, path.join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js')];
/** The fixture's `eslint.config.cjs` requires typescript-eslint: CommonJS resolution reads NODE_PATH. */
export const TOOL_ENV = { ...buildToolEnv(process.env), NODE_PATH: path.join(repoRoot, 'node_modules') };

const dirs: string[] = [];

/** A fresh copy of `fixtures/projects/<name>` in a temp dir, so runs never write into the checkout. */
export function copyProject(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `atqos-eslint-${name}-`));
  fs.cpSync(path.join(repoRoot, 'fixtures', 'projects', name), dir, { recursive: true });
  dirs.push(dir);
  return dir;
}

/** Removes every temp dir made by these helpers in this process. */
export function removeCopies(): void {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Runs the plugin's real collect (real eslint, real runner) in `repoDir`, as the engine would. */
export async function collectIn(repoDir: string, options: Record<string, unknown>, runStartedAtMs = Date.now()): Promise<{ collect: CollectResult; input: NormalizeInput }> {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-eslint-run-'));
  dirs.push(runDir);
  const ctx = createCollectContext({ repoDir, runDir, pluginId: 'eslint', options, env: TOOL_ENV, runStartedAtMs });
  const result = await collect(ctx);
  const read = (name: string): string | undefined => {
    const a = result.artifacts.find((x) => x.name === name);
    return a?.exists ? fs.readFileSync(path.join(runDir, a.path), 'utf8') : undefined;
  };
  return { collect: result, input: { collect: result, read, repoDir, runDir, runStartedAtMs, options } };
}

/** Runs a planned command (validation, autofix) in `dir` through the real runner, as the engine would. */
export async function runIn(dir: string, cmd: CommandSpec): Promise<ExecResult & { stdout: string }> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-eslint-cmd-'));
  dirs.push(out);
  const exec = await runCommand({
    argv: cmd.argv, cwd: path.resolve(dir, cmd.cwd ?? '.'), env: { ...TOOL_ENV, ...cmd.env },
    stdoutPath: path.join(out, 'stdout'), stderrPath: path.join(out, 'stderr'), timeoutMs: cmd.timeoutMs ?? 120_000,
  });
  return { ...exec, stdout: fs.readFileSync(exec.stdoutPath, 'utf8') };
}
