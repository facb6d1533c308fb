// Helpers shared by the flaky plugin's specs: fixture copies in temp dirs, a real pytest pass to
// build `ctx.earlier`, and a real flaky collect + normalize. Not part of the plugin.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCollectContext } from '../../src/engine/collect-context.js';
import type { CollectContextInput } from '../../src/engine/collect-context.js';
import { buildToolEnv } from '../../src/runner/index.js';
import type { CollectResult, EarlierResult, NormalizeInput, NormalizeOutput } from '../../src/plugin/contract.js';
import { collect as collectPytest } from '../pytest/collect.js';
import { normalize as normalizePytest } from '../pytest/normalize.js';
import { collect } from './collect.js';
import { normalize } from './normalize.js';

const fixtureDir = fileURLToPath(new URL('../../fixtures/projects/flaky/', import.meta.url));
const made: string[] = [];

export interface FixtureCopy {
  repoDir: string;
  /** Where the fixture's invocation counters live (ATQOS_FLAKY_STATE). */
  stateDir: string;
  env: Record<string, string>;
}

/** A fresh copy of `fixtures/projects/flaky[/sub]` and a counter dir, both in temp dirs. */
export function copyFixture(sub = ''): FixtureCopy {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-flaky-'));
  made.push(root);
  const repoDir = path.join(root, 'repo');
  const stateDir = path.join(root, 'state');
  fs.cpSync(path.join(fixtureDir, sub), repoDir, { recursive: true });
  fs.mkdirSync(stateDir);
  return { repoDir, stateDir, env: buildToolEnv(process.env, { set: { ATQOS_FLAKY_STATE: stateDir } }) };
}

/** Removes every copy made by `copyFixture` in this process. */
export function removeFixtures(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

function reader(runDir: string, result: CollectResult) {
  return (name: string): string | undefined => {
    const a = result.artifacts.find((x) => x.name === name);
    return a?.exists ? fs.readFileSync(path.join(runDir, a.path), 'utf8') : undefined;
  };
}

let runs = 0;
function runDirIn(repoDir: string): string {
  const dir = path.join(repoDir, '.atqos', 'runs', `run-${process.pid}-${Date.now()}-${++runs}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** The pytest plugin's real collect + normalize on the copy: what `ctx.earlier` holds in a run. */
export async function pytestPass(copy: FixtureCopy, options: Record<string, unknown> = {}): Promise<EarlierResult> {
  const runDir = runDirIn(copy.repoDir);
  const runStartedAtMs = Date.now();
  const ctx = createCollectContext({ repoDir: copy.repoDir, runDir, pluginId: 'pytest', options, env: copy.env, runStartedAtMs });
  const result = await collectPytest(ctx);
  const out = normalizePytest({ collect: result, read: reader(runDir, result), repoDir: copy.repoDir, runDir, runStartedAtMs, options });
  return { plugin: 'pytest', tests: out.tests, findings: out.findings, trustworthy: out.trustworthy };
}

export interface FlakyRun {
  runDir: string;
  collect: CollectResult;
  input: NormalizeInput;
  output: NormalizeOutput;
}

/** The flaky plugin's real collect, then normalize, as the engine runs them. */
export async function flakyPass(copy: FixtureCopy, extra: Partial<CollectContextInput> & { options?: Record<string, unknown> } = {}): Promise<FlakyRun> {
  const runDir = runDirIn(copy.repoDir);
  const runStartedAtMs = extra.runStartedAtMs ?? Date.now();
  const options = extra.options ?? {};
  const ctx = createCollectContext({ ...extra, repoDir: copy.repoDir, runDir, pluginId: 'flaky', options, env: copy.env, runStartedAtMs });
  const result = await collect(ctx);
  const input = { collect: result, read: reader(runDir, result), repoDir: copy.repoDir, runDir, runStartedAtMs, options };
  return { runDir, collect: result, input, output: normalize(input) };
}
