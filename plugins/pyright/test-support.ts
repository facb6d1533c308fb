// Helpers shared by the pyright plugin's specs: temp copies of the fixture project and a real collect
// (real pyright, the engine's collect context and runner). Not part of the plugin.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCollectContext } from '../../src/engine/collect-context.js';
import { buildToolEnv, runCommand } from '../../src/runner/index.js';
import type { CommandSpec } from '../../src/core/index.js';
import type { CollectResult, NormalizeInput } from '../../src/plugin/contract.js';
import { collect } from './collect.js';

export const projectDir = fileURLToPath(new URL('../../fixtures/projects/python-lint/', import.meta.url));
/** pyright from this repo's devDependencies, by path so PATH does not matter. */
export const PYRIGHT = fileURLToPath(new URL('../../node_modules/.bin/pyright', import.meta.url));

const temps: string[] = [];

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `atqos-pyright-${prefix}-`));
  temps.push(dir);
  return dir;
}

export function removeTemps(): void {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function copyProject(): string {
  const dir = tempDir('project');
  fs.cpSync(projectDir, dir, { recursive: true });
  return dir;
}

/** Runs the plugin's real collect in `repoDir`, as the engine would, and the input normalize gets. */
export async function collectIn(repoDir: string, options: Record<string, unknown>): Promise<{ collect: CollectResult; input: NormalizeInput }> {
  const runStartedAtMs = Date.now();
  const runDir = path.join(tempDir('run'), 'run');
  const ctx = createCollectContext({ repoDir, runDir, pluginId: 'pyright', options, env: buildToolEnv(process.env), runStartedAtMs });
  const result = await collect(ctx);
  const read = (name: string) => {
    const a = result.artifacts.find((x) => x.name === name);
    return a?.exists ? fs.readFileSync(path.join(runDir, a.path), 'utf8') : undefined;
  };
  return { collect: result, input: { collect: result, read, repoDir, runDir, runStartedAtMs, options } };
}

/** Runs a command (a validation, or the tool itself) in `cwd`; its exit code and stdout. */
export async function run(cmd: CommandSpec | string[], cwd: string): Promise<{ exitCode: number | null; stdout: string }> {
  const argv = Array.isArray(cmd) ? cmd : cmd.argv;
  const dir = tempDir('cmd');
  const res = await runCommand({ argv, cwd, env: buildToolEnv(process.env), stdoutPath: path.join(dir, 'out'), stderrPath: path.join(dir, 'err'), timeoutMs: 120_000 });
  return { exitCode: res.exitCode, stdout: fs.readFileSync(path.join(dir, 'out'), 'utf8') };
}
