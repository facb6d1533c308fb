import { spawn, execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout root, whatever the cwd of the test process. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The built CLI; `npm test` builds it before vitest runs. */
/** The bundled CLI, exactly what `bin: atqos` runs. */
export const CLI = path.join(ROOT, 'dist', 'atqos.mjs');
export const FIXTURES = path.join(ROOT, 'fixtures');

/** Fails with the fix when the CLI was not built, instead of every test failing obscurely. */
export function assertBuilt(): void {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} does not exist: run \`npm run build\` before the e2e tests`);
}

const SKIPPED = new Set(['.atqos', '__pycache__', '.pytest_cache']);
const created: string[] = [];

/** A fresh real temp dir (realpath, so it compares equal to what the CLI resolves). */
export function tempDir(label = 'e2e'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `atqos-${label}-`)));
  created.push(dir);
  return dir;
}

/** Removes every temp dir made by this test file. */
export function removeTempDirs(): void {
  for (const d of created.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=atqos-e2e', '-c', 'user.email=e2e@example.invalid', '-c', 'init.defaultBranch=main', ...args], {
    cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Makes `dir` a git repo with everything in it committed. */
export function commitAll(dir: string, message = 'fixture'): void {
  if (!fs.existsSync(path.join(dir, '.git'))) git(dir, ['init', '-q']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--allow-empty', '-m', message]);
}

export function gitStatus(dir: string): string {
  return git(dir, ['status', '--porcelain', '--untracked-files=all']);
}

/**
 * Copies `fixtures/projects/<name>` (without run dirs and Python caches) into a new temp dir,
 * adds `extra` files, and commits it, so the checked-in fixture is never written to.
 */
export function copyProject(name: string, extra: Record<string, string> = {}): string {
  const dest = path.join(tempDir(name), name);
  fs.cpSync(path.join(FIXTURES, 'projects', name), dest, { recursive: true, filter: (src) => !SKIPPED.has(path.basename(src)) });
  writeFiles(dest, extra);
  commitAll(dest);
  return dest;
}

/** A committed project made only of `files`. */
export function makeProject(label: string, files: Record<string, string>): string {
  const dest = path.join(tempDir(label), label);
  fs.mkdirSync(dest);
  writeFiles(dest, files);
  commitAll(dest);
  return dest;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  child: ChildProcess;
  done: Promise<CliResult>;
}

/** Starts the built CLI as a real process; `done` settles when it exits. */
export function spawnCli(args: string[], cwd: string, env: Record<string, string> = {}): CliProcess {
  assertBuilt();
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs the built CLI to completion. */
export function atqos(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  return spawnCli(args, cwd, env).done;
}

/** Parses stdout as the one JSON document `--json` promises, with the output in the error. */
export function parseJsonOut<T = Record<string, unknown>>(r: CliResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch (err) {
    throw new Error(`stdout is not pure JSON (${(err as Error).message})\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
  }
}

/** Run directories under `<repo>/.atqos/runs`, oldest first. */
export function runDirs(repo: string): string[] {
  const dir = path.join(repo, '.atqos', 'runs');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort().map((id) => path.join(dir, id)) : [];
}

/** Polls `check` until it returns a value, or fails naming `what`. */
export async function waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function readJson<T = unknown>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}
