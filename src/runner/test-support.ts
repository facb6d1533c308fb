// Helpers shared by the runner's specs: temp dirs, fixture executables, liveness checks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExecSpec } from './types.js';

export const binDir = fileURLToPath(new URL('../../fixtures/bin/', import.meta.url));

export function bin(name: string): string {
  return path.join(binDir, name);
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-runner-'));
}

/** A spec that runs a fixture with the current node, so the child env can be empty. */
export function nodeSpec(dir: string, script: string, args: string[], extra: Partial<ExecSpec> = {}): ExecSpec {
  return {
    argv: [process.execPath, bin(script), ...args],
    cwd: dir,
    env: {},
    stdoutPath: path.join(dir, 'out', 'stdout.txt'),
    stderrPath: path.join(dir, 'out', 'stderr.txt'),
    ...extra,
  };
}

/** True while `pid` runs; a zombie (dead, not yet reaped) counts as dead. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}

export async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

/** Waits for a fixture to write a pid into `file` and returns it. */
export async function readPid(file: string): Promise<number> {
  await waitFor(() => fs.existsSync(file) && fs.readFileSync(file, 'utf8').length > 0);
  return Number(fs.readFileSync(file, 'utf8'));
}

/** Test hygiene after a failed kill: SIGKILL the whole group `pid` belongs to. */
export function killLeftovers(pids: number[]): void {
  for (const pid of pids.splice(0)) {
    if (!isAlive(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      process.kill(-Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]), 'SIGKILL');
    } catch {
      process.kill(pid, 'SIGKILL');
    }
  }
}
