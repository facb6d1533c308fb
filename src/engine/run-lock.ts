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

/**
 * Whether a live process still owns the run. A lock from another host is taken as live
 * (we cannot see its processes); a missing or unreadable lock, or a dead pid here, is not.
 */
export function isRunLive(runDir: string): boolean {
  let lock: { pid?: unknown; host?: unknown };
  try {
    lock = JSON.parse(fs.readFileSync(path.join(runDir, LOCK), 'utf8')) as typeof lock;
  } catch {
    return false;
  }
  if (lock.host !== os.hostname()) return true;
  if (typeof lock.pid !== 'number') return false;
  try {
    process.kill(lock.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
