// Helpers shared by the vitest plugin's specs: the ts-app fixture in temp dirs and a real
// collect with this repo's own vitest (the fixture has no node_modules). Not part of the plugin.
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

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const projectsDir = path.join(repoRoot, 'fixtures', 'projects');
/** This repo's vitest, run by node: what `plugins.vitest.command` points at in the specs. */
export const VITEST_COMMAND = [process.execPath, path.join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs')];

const copies: string[] = [];

/** A fresh copy of `fixtures/projects/<name>` in a temp dir, so runs never write into the checkout. */
export function copyProject(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `atqos-vitest-${name}-`));
  fs.cpSync(path.join(projectsDir, name), dir, { recursive: true });
  copies.push(dir);
  return dir;
}

/** Removes every copy made by `copyProject` in this process. */
export function removeCopies(): void {
  for (const dir of copies.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export interface CollectedRun {
  runDir: string;
  collect: CollectResult;
  input: NormalizeInput;
}

/** Runs the plugin's real collect (real vitest, real runner) in `repoDir`, as the engine would. */
export async function collectIn(repoDir: string, options: Record<string, unknown>, runStartedAtMs = Date.now()): Promise<CollectedRun> {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-vitest-run-'));
  copies.push(runDir);
  const ctx = createCollectContext({ repoDir, runDir, pluginId: 'vitest', options, env: buildToolEnv(process.env), runStartedAtMs });
  const result = await collect(ctx);
  const read = (name: string): string | undefined => {
    const a = result.artifacts.find((x) => x.name === name);
    return a?.exists ? fs.readFileSync(path.join(runDir, a.path), 'utf8') : undefined;
  };
  return { runDir, collect: result, input: { collect: result, read, repoDir, runDir, runStartedAtMs, options } };
}

/** Runs a planned command (validation, inventory) in `dir` through the real runner. */
export async function runIn(dir: string, cmd: CommandSpec): Promise<{ exec: ExecResult; stdout: string; stderr: string }> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-vitest-cmd-'));
  copies.push(out);
  const exec = await runCommand({
    argv: cmd.argv, cwd: path.resolve(dir, cmd.cwd ?? '.'), env: { ...buildToolEnv(process.env), ...cmd.env },
    stdoutPath: path.join(out, 'stdout'), stderrPath: path.join(out, 'stderr'), timeoutMs: cmd.timeoutMs ?? 120_000,
  });
  return { exec, stdout: fs.readFileSync(exec.stdoutPath, 'utf8'), stderr: fs.readFileSync(exec.stderrPath, 'utf8') };
}
