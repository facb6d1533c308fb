// Helpers shared by the ruff plugin's specs: the stored reports, the ruff CLI (fixtures/ruff/bin/ruff,
// the real linter from ruff's WebAssembly build behind the CLI's flags), temp copies of the fixture
// project and a real collect through the engine's collect context. Not part of the plugin.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildToolEnv } from '../../src/runner/index.js';
import type { ExecResult } from '../../src/runner/types.js';
import type { NormalizeInput } from '../../src/plugin/contract.js';
import { collectRun, TempDirs } from '../_lib/test-support.js';
import type { CollectedRun } from '../_lib/test-support.js';
import { collect } from './collect.js';

export const storedDir = fileURLToPath(new URL('../../fixtures/ruff/', import.meta.url));
/** `ruff` for the specs: real ruff (WebAssembly build) behind the CLI subset the plugin uses. */
export const ruffCli = path.join(storedDir, 'bin', 'ruff');
export const projectDir = fileURLToPath(new URL('../../fixtures/projects/python-lint/', import.meta.url));
/** The project root the stored reports were written under. */
export const STORED_ROOT = '/home/dev/python-lint';

const temps = new TempDirs('atqos-ruff');

export const tempDir = (prefix: string): string => temps.make(prefix);
export const removeTemps = (): void => temps.removeAll();
export const copyProject = (): string => temps.copy(projectDir, 'project');

export function stored(name: string): string {
  return fs.readFileSync(path.join(storedDir, name), 'utf8');
}

/** An ExecResult as the runner reports a finished ruff, for normalize specs. */
export function execResult(exitCode: number | null, extra: Partial<ExecResult> = {}): ExecResult {
  return {
    argv: ['ruff', 'check'], cwd: STORED_ROOT, exitCode, signal: null, timedOut: false, aborted: false, failedToStart: false,
    startedAt: new Date(1_700_000_000_000).toISOString(), durationMs: 120, stdoutPath: '', stderrPath: '',
    stdoutBytes: 0, stderrBytes: 0, stdoutTruncated: 0, stderrTruncated: 0, ...extra,
  };
}

/** A NormalizeInput over in-memory outputs, as the engine builds it after a collect. */
export function inputOf(stdout: string | undefined, opts: { exec?: ExecResult; stderr?: string; mtimeMs?: number; repoDir?: string } = {}): NormalizeInput {
  const runStartedAtMs = 1_700_000_000_000;
  const mtimeMs = opts.mtimeMs ?? runStartedAtMs + 500;
  const art = (name: string, file: string, text: string | undefined) => ({ name, path: `raw/ruff/${file}`, exists: text !== undefined, bytes: text?.length ?? 0, mtimeMs: text === undefined ? 0 : mtimeMs });
  const texts: Record<string, string | undefined> = { report: stdout, stderr: opts.stderr ?? '' };
  return {
    collect: { exec: opts.exec ?? execResult(stdout && stdout.trim() !== '[]' ? 1 : 0), artifacts: [art('report', 'ruff.stdout', stdout), art('stderr', 'ruff.stderr', texts['stderr'])] },
    read: (name) => texts[name],
    repoDir: opts.repoDir ?? STORED_ROOT, runDir: `${opts.repoDir ?? STORED_ROOT}/.atqos/runs/r1`, runStartedAtMs, options: undefined,
  };
}

/** Runs the plugin's real collect (the real runner, a real process) in `repoDir`, as the engine would. */
export async function collectIn(repoDir: string, options: Record<string, unknown>, extraEnv: Record<string, string> = {}): Promise<CollectedRun> {
  const runStartedAtMs = Date.now();
  const runDir = path.join(repoDir, '.atqos', 'runs', `run-${runStartedAtMs}`);
  fs.mkdirSync(runDir, { recursive: true });
  return collectRun({ collect, pluginId: 'ruff', repoDir, runDir, options, env: { ...buildToolEnv(process.env), ...extraEnv }, runStartedAtMs });
}
