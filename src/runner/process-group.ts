/**
 * Children run in their own process group (`detached`), so a terminal's Ctrl-C never reaches them
 * and a kill must name the group. This module keeps the live groups so that none outlives the
 * orchestrator.
 */
const liveGroups = new Set<number>();
const forwardedSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let hooked = false;

/** Sends `signal` to every process in the group led by `pid`; false when none is left. */
export function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    // Windows has no process groups; the child alone is the best we can do there.
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
    return true;
  } catch {
    return false;
  }
}

export function groupAlive(pid: number): boolean {
  return signalGroup(pid, 0);
}

export function trackGroup(pid: number): void {
  liveGroups.add(pid);
  hookProcessExit();
}

export function untrackGroup(pid: number): void {
  liveGroups.delete(pid);
}

/**
 * Kills every process group the runner started that is still alive. Hosts call it on shutdown;
 * it also runs by itself when the orchestrator exits or receives SIGINT, SIGTERM or SIGHUP.
 * Returns how many groups were signalled.
 */
export function killAllChildren(signal: NodeJS.Signals = 'SIGKILL'): number {
  let count = 0;
  for (const pid of liveGroups) if (signalGroup(pid, signal)) count++;
  return count;
}

function hookProcessExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => killAllChildren());
  for (const sig of forwardedSignals) process.on(sig, onSignal);
}

// SIGKILL, not the received signal: the orchestrator is going down and nobody will be left to
// wait out a grace period. When no one else listens, re-raise so the default action (exit) runs,
// exactly as if we had never listened.
function onSignal(signal: NodeJS.Signals): void {
  killAllChildren('SIGKILL');
  if (process.listenerCount(signal) > 1) return;
  for (const sig of forwardedSignals) process.off(sig, onSignal);
  hooked = false;
  process.kill(process.pid, signal);
}
