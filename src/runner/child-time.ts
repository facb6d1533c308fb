import { performance } from 'node:perf_hooks';

// Process-wide tallies of the processes runCommand starts, so benchmarks can tell the time ATQOS
// spends itself from the time it waits on git, tools and agents.
let running = 0;
let busySince = 0;
let busyMs = 0;
let finished = 0;
let spawningMs = 0;

/** Call right after the process was spawned, with how long building and spawning it blocked us. */
export function childStarted(spawnMs: number): void {
  spawningMs += spawnMs;
  if (running++ === 0) busySince = performance.now();
}

export function childFinished(): void {
  finished += 1;
  if (--running === 0) busyMs += performance.now() - busySince;
}

/**
 * Milliseconds, since this process started, during which at least one process started by
 * runCommand was running. Overlapping children count once, so `wall − childProcessTimeMs()`
 * over an interval is the time spent in ATQOS itself.
 */
export function childProcessTimeMs(): number {
  return busyMs + (running > 0 ? performance.now() - busySince : 0);
}

/** How many processes started by runCommand have finished since this process started. */
export function childProcessCount(): number {
  return finished;
}

/**
 * Milliseconds runCommand spent starting processes (options, fork, exec), which blocks this
 * process: part of ATQOS's own time, not of `childProcessTimeMs()`.
 */
export function childSpawnTimeMs(): number {
  return spawningMs;
}
