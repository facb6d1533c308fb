import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const LOCK = 'run.lock';

/** Marks a run dir as owned by this process until `releaseRunLock`. */
export function takeRunLock(runDir: string): void {
  fs.writeFileSync(path.join(runDir, LOCK), JSON.stringify({ pid: process.pid, host: os.hostname() }));
}

export function releaseRunLock(runDir: string): void {
  fs.rmSync(path.join(runDir, LOCK), { force: true });
}

/** A lock from another host older than this is taken as dead: no lane runs for two days. */
const FOREIGN_LOCK_MAX_AGE_MS = 48 * 3600 * 1000;

/**
 * Whether a live process still owns the run. A lock from another host (we cannot see its
 * processes) is live until it is two days old; a missing or unreadable lock, or a dead pid
 * here, is not.
 */
export function isRunLive(runDir: string, now = Date.now()): boolean {
  let lock: { pid?: unknown; host?: unknown };
  let age: number;
  try {
    const file = path.join(runDir, LOCK);
    age = now - fs.statSync(file).mtimeMs;
    lock = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof lock;
  } catch {
    return false;
  }
  if (lock.host !== os.hostname()) return age < FOREIGN_LOCK_MAX_AGE_MS;
  if (typeof lock.pid !== 'number') return false;
  try {
    process.kill(lock.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
