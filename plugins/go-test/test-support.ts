// Helpers shared by the go-test plugin's specs: the fixture module in a temp dir and a real
// collect through the engine's runner. Not part of the plugin.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCollectContext } from '../../src/engine/collect-context.js';
import { buildToolEnv } from '../../src/runner/index.js';
import type { CollectResult, NormalizeInput } from '../../src/plugin/contract.js';
import { collect } from './collect.js';

export const projectsDir = fileURLToPath(new URL('../../fixtures/projects/', import.meta.url));

const copies: string[] = [];

/** A fresh copy of `fixtures/projects/<name>` in a temp dir, so runs never write into the checkout. */
export function copyProject(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `atqos-go-${name}-`));
  fs.cpSync(path.join(projectsDir, name), dir, { recursive: true });
  copies.push(dir);
  return dir;
}

export function removeCopies(): void {
  for (const dir of copies.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export interface CollectedRun {
  runDir: string;
  collect: CollectResult;
  input: NormalizeInput;
}

/** Runs the plugin's real collect (real go, real runner) in `repoDir`, as the engine would. */
export async function collectIn(repoDir: string, options: Record<string, unknown>, env = buildToolEnv(process.env)): Promise<CollectedRun> {
  const runStartedAtMs = Date.now();
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-go-run-'));
  copies.push(runDir);
  const ctx = createCollectContext({ repoDir, runDir, pluginId: 'go-test', options, env, runStartedAtMs });
  const result = await collect(ctx);
  const read = (name: string): string | undefined => {
    const a = result.artifacts.find((x) => x.name === name);
    return a?.exists ? fs.readFileSync(path.join(runDir, a.path), 'utf8') : undefined;
  };
  return { runDir, collect: result, input: { collect: result, read, repoDir, runDir, runStartedAtMs, options } };
}

/** go's own verdicts, read straight from the stream without the plugin: node id → action. */
export function goVerdicts(stream: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of stream.split('\n')) {
    if (!line.startsWith('{')) continue;
    const e = JSON.parse(line) as { Action: string; Package?: string; Test?: string };
    if (e.Test && ['pass', 'fail', 'skip'].includes(e.Action)) out.set(`${e.Package}::${e.Test}`, e.Action);
  }
  return out;
}
