// Helpers shared by the vitest plugin's specs: the ts-app fixture in temp dirs and a real
// collect with this repo's own vitest (the fixture has no node_modules). Not part of the plugin.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildToolEnv } from '../../src/runner/index.js';
import type { CommandSpec } from '../../src/core/index.js';
import type { ExecResult } from '../../src/runner/index.js';
import { collectRun, runToFiles, TempDirs } from '../_lib/test-support.js';
import type { CollectedRun } from '../_lib/test-support.js';
import { collect } from './collect.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const projectsDir = path.join(repoRoot, 'fixtures', 'projects');
/** This repo's vitest, run by node: what `plugins.vitest.command` points at in the specs. */
export const VITEST_COMMAND = [process.execPath, path.join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs')];

const temps = new TempDirs('atqos-vitest');

/** A fresh copy of `fixtures/projects/<name>` in a temp dir, so runs never write into the checkout. */
export function copyProject(name: string): string {
  return temps.copy(path.join(projectsDir, name), name);
}

/** Removes every copy made by `copyProject` in this process. */
export function removeCopies(): void {
  temps.removeAll();
}

export type { CollectedRun } from '../_lib/test-support.js';

/** Runs the plugin's real collect (real vitest, real runner) in `repoDir`, as the engine would. */
export async function collectIn(repoDir: string, options: Record<string, unknown>, runStartedAtMs = Date.now()): Promise<CollectedRun> {
  return collectRun({ collect, pluginId: 'vitest', repoDir, runDir: temps.make('run'), options, env: buildToolEnv(process.env), runStartedAtMs });
}

/** Runs a planned command (validation, inventory) in `dir` through the real runner. */
export async function runIn(dir: string, cmd: CommandSpec): Promise<{ exec: ExecResult; stdout: string; stderr: string }> {
  return runToFiles(cmd.argv, path.resolve(dir, cmd.cwd ?? '.'), { ...buildToolEnv(process.env), ...cmd.env }, temps.make('cmd'), cmd.timeoutMs ?? 120_000);
}
