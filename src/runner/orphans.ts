import fs from 'node:fs';
import path from 'node:path';

/**
 * Processes whose working directory is inside one of `dirs`: what a killed ATQOS left running in
 * its worktrees (an agent, a test run). Linux only (reads /proc); elsewhere it finds none.
 */
export function processesUnder(dirs: readonly string[]): number[] {
  if (dirs.length === 0 || !fs.existsSync('/proc/self/cwd')) return [];
  const roots = dirs.map((d) => path.resolve(d));
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    let cwd: string;
    try {
      cwd = fs.readlinkSync(`/proc/${entry}/cwd`).replace(/ \(deleted\)$/, '');
    } catch {
      continue; // gone, or not ours to look at
    }
    if (roots.some((r) => cwd === r || cwd.startsWith(`${r}${path.sep}`))) found.push(pid);
  }
  return found;
}

/** SIGKILLs every process working inside `dirs`; returns the pids it signalled. */
export function killProcessesUnder(dirs: readonly string[]): number[] {
  const pids = processesUnder(dirs);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Exited in between, or not ours: nothing left to stop.
    }
  }
  return pids;
}
