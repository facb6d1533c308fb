// Helpers shared by the pytest plugin's specs: fixture projects in temp dirs, a real collect, and
// committed captures of real runs (`__fixtures__/<name>/`). Not part of the plugin.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCollectContext } from '../../src/engine/collect-context.js';
import { buildToolEnv } from '../../src/runner/index.js';
import type { CollectResult, NormalizeInput } from '../../src/plugin/contract.js';
import { collect } from './collect.js';

export const projectsDir = fileURLToPath(new URL('../../fixtures/projects/', import.meta.url));
export const capturesDir = fileURLToPath(new URL('./__fixtures__/', import.meta.url));

/** The two interpreters of the machine: pyenv's (pytest 9) and Debian's (pytest 7). */
export const PYTHONS = ['python3', '/usr/bin/python3'] as const;

const copies: string[] = [];

/** A fresh copy of `fixtures/projects/<name>` in a temp dir, so runs never write into the checkout. */
export function copyProject(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `atqos-pytest-${name}-`));
  fs.cpSync(path.join(projectsDir, name), dir, { recursive: true });
  copies.push(dir);
  return dir;
}

/** Removes every copy made by `copyProject` in this process. */
export function removeCopies(): void {
  for (const dir of copies.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export interface CollectedRun {
  repoDir: string;
  runDir: string;
  runStartedAtMs: number;
  collect: CollectResult;
  input: NormalizeInput;
}

function reader(runDir: string, collect: CollectResult) {
  return (name: string): string | undefined => {
    const a = collect.artifacts.find((x) => x.name === name);
    return a?.exists ? fs.readFileSync(path.join(runDir, a.path), 'utf8') : undefined;
  };
}

/** Runs the plugin's real collect (real pytest, real runner) in `repoDir`, as the engine would. */
export async function collectIn(repoDir: string, options: Record<string, unknown>, runStartedAtMs = Date.now()): Promise<CollectedRun> {
  const runDir = path.join(repoDir, '.atqos', 'runs', `run-${process.pid}-${runStartedAtMs}`);
  fs.mkdirSync(runDir, { recursive: true });
  const ctx = createCollectContext({ repoDir, runDir, pluginId: 'pytest', options, env: buildToolEnv(process.env), runStartedAtMs });
  const result = await collect(ctx);
  const input = { collect: result, read: reader(runDir, result), repoDir, runDir, runStartedAtMs, options };
  return { repoDir, runDir, runStartedAtMs, collect: result, input };
}

/** What a capture's `meta.json` records beside the raw files of a real run. */
interface CaptureMeta {
  repoDir: string;
  runDir: string;
  runStartedAtMs: number;
  options: unknown;
  collect: CollectResult;
}

/** Writes a real run's raw artifacts and metadata to `__fixtures__/<name>/`. */
export function saveCapture(name: string, run: CollectedRun): void {
  const dir = path.join(capturesDir, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const a of run.collect.artifacts) {
    if (a.exists) fs.copyFileSync(path.join(run.runDir, a.path), path.join(dir, path.basename(a.path)));
  }
  const meta: CaptureMeta = { repoDir: run.repoDir, runDir: run.runDir, runStartedAtMs: run.runStartedAtMs, options: run.input.options, collect: run.collect };
  fs.writeFileSync(path.join(dir, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
}

/** A NormalizeInput rebuilt from a committed capture: the same bytes normalize saw in the real run. */
export function loadCapture(name: string): NormalizeInput {
  const dir = path.join(capturesDir, name);
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8')) as CaptureMeta;
  const read = (artifact: string): string | undefined => {
    const a = meta.collect.artifacts.find((x) => x.name === artifact);
    const file = a && path.join(dir, path.basename(a.path));
    return a?.exists && file && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  };
  return { collect: meta.collect, read, repoDir: meta.repoDir, runDir: meta.runDir, runStartedAtMs: meta.runStartedAtMs, options: meta.options };
}

export type SummaryCounts = Record<'passed' | 'failed' | 'errors' | 'skipped' | 'xfailed' | 'xpassed', number>;

/**
 * pytest's own verdict, read from its terminal summary line (`== 1 failed, 2 passed in 0.1s ==`),
 * independently of the plugin's normalizer.
 */
export function parseSummaryLine(stdout: string): SummaryCounts | undefined {
  const line = stdout.split('\n').reverse().find((l) => /^=+ .* in [\d.]+s.* =+$/.test(l.trim()));
  if (!line) return undefined;
  const counts: SummaryCounts = { passed: 0, failed: 0, errors: 0, skipped: 0, xfailed: 0, xpassed: 0 };
  for (const m of line.matchAll(/(\d+) (passed|failed|errors?|skipped|xfailed|xpassed)/g)) {
    const key = (m[2]!.startsWith('error') ? 'errors' : m[2]) as keyof SummaryCounts;
    counts[key] = Number(m[1]);
  }
  return counts;
}
