// Helpers shared by the go-test plugin's specs: the fixture module in a temp dir and a real
// collect through the engine's runner. Not part of the plugin.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildToolEnv } from '../../src/runner/index.js';
import { collectRun, TempDirs } from '../_lib/test-support.js';
import type { CollectedRun } from '../_lib/test-support.js';
import { collect } from './collect.js';

export const projectsDir = fileURLToPath(new URL('../../fixtures/projects/', import.meta.url));

const temps = new TempDirs('atqos-go');

/** A fresh copy of `fixtures/projects/<name>` in a temp dir, so runs never write into the checkout. */
export function copyProject(name: string): string {
  return temps.copy(path.join(projectsDir, name), name);
}

export function removeCopies(): void {
  temps.removeAll();
}

export type { CollectedRun } from '../_lib/test-support.js';

/** Runs the plugin's real collect (real go, real runner) in `repoDir`, as the engine would. */
export async function collectIn(repoDir: string, options: Record<string, unknown>, env = buildToolEnv(process.env)): Promise<CollectedRun> {
  return collectRun({ collect, pluginId: 'go-test', repoDir, runDir: temps.make('run'), options, env });
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
