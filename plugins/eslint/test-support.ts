// Helpers shared by the eslint plugin's specs: the ts-app fixture in temp dirs and a real collect
// with this repo's own eslint (the fixture has no node_modules). Not part of the plugin.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildToolEnv } from '../../src/runner/index.js';
import type { CommandSpec } from '../../src/core/index.js';
import type { ExecResult } from '../../src/runner/index.js';
import { collectRun, runToFiles, TempDirs } from '../_lib/test-support.js';
import type { CollectedRun } from '../_lib/test-support.js';
import { collect } from './collect.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** This repo's eslint, run by node: what `plugins.eslint.command` points at in the specs. */
export const ESLINT_COMMAND = [process.execPath, path.join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js')];
/** The fixture's `eslint.config.cjs` requires typescript-eslint: CommonJS resolution reads NODE_PATH. */
export const TOOL_ENV = { ...buildToolEnv(process.env), NODE_PATH: path.join(repoRoot, 'node_modules') };

const temps = new TempDirs('atqos-eslint');

/** A fresh copy of `fixtures/projects/<name>` in a temp dir, so runs never write into the checkout. */
export function copyProject(name: string): string {
  return temps.copy(path.join(repoRoot, 'fixtures', 'projects', name), name);
}

/** A new empty temp dir, removed by `removeCopies`. */
export function tempDir(label: string): string {
  return temps.make(label);
}

/** Removes every temp dir made by these helpers in this process. */
export function removeCopies(): void {
  temps.removeAll();
}

/** Runs the plugin's real collect (real eslint, real runner) in `repoDir`, as the engine would. */
export async function collectIn(repoDir: string, options: Record<string, unknown>, runStartedAtMs = Date.now()): Promise<CollectedRun> {
  return collectRun({ collect, pluginId: 'eslint', repoDir, runDir: temps.make('run'), options, env: TOOL_ENV, runStartedAtMs });
}

/** Runs a planned command (validation, autofix) in `dir` through the real runner, as the engine would. */
export async function runIn(dir: string, cmd: CommandSpec): Promise<ExecResult & { stdout: string }> {
  const { exec, stdout } = await runToFiles(cmd.argv, path.resolve(dir, cmd.cwd ?? '.'), { ...TOOL_ENV, ...cmd.env }, temps.make('cmd'), cmd.timeoutMs ?? 120_000);
  return { ...exec, stdout };
}
