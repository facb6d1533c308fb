import { groupAlive, signalGroup } from './process-group.js';

export interface GroupKiller {
  /** SIGTERM to the group now, SIGKILL after the grace period unless `finish` comes first. */
  terminate(): void;
  /** Leaves nothing of the group alive: SIGKILL to whatever is left. */
  finish(): void;
}

/** SIGTERM to the group led by `pid`, SIGKILL after `graceMs`; `finish` leaves nothing alive. */
export function groupKiller(pid: number | undefined, graceMs: number): GroupKiller {
  let forceTimer: NodeJS.Timeout | undefined;
  return {
    terminate(): void {
      if (pid === undefined || forceTimer || !signalGroup(pid, 'SIGTERM')) return;
      forceTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
    },
    finish(): void {
      clearTimeout(forceTimer);
      if (pid !== undefined && groupAlive(pid)) signalGroup(pid, 'SIGKILL');
    },
  };
}
