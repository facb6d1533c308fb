import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { childProcessCount, childProcessTimeMs, childSpawnTimeMs } from './index.js';
import { runCommand } from './run-command.js';
import { nodeSpec, tempDir } from './test-support.js';

const sleeper = (ms: number) => ({ ...nodeSpec(tempDir(), 'exit-code.js', []), argv: [process.execPath, '-e', `setTimeout(() => {}, ${ms})`] });

describe('childProcessTimeMs: time spent waiting on child processes', () => {
  it('grows by about the duration of a finished child, and counts it', async () => {
    const [time0, count0] = [childProcessTimeMs(), childProcessCount()];
    const res = await runCommand(sleeper(300));
    const grown = childProcessTimeMs() - time0;
    expect(childProcessCount()).toBe(count0 + 1);
    expect(grown).toBeGreaterThanOrEqual(300);
    expect(Math.abs(grown - res.durationMs)).toBeLessThan(50);
  });

  it('counts overlapping children once: two 400 ms children side by side add about 400 ms, not 800', async () => {
    const time0 = childProcessTimeMs();
    const t0 = performance.now();
    await Promise.all([runCommand(sleeper(400)), runCommand(sleeper(400))]);
    const wall = performance.now() - t0;
    const grown = childProcessTimeMs() - time0;
    expect(grown).toBeGreaterThanOrEqual(400);
    expect(grown).toBeLessThanOrEqual(wall + 1);
  });

  it('keeps growing while a child runs, and stays still when none does', async () => {
    const running = runCommand(sleeper(300));
    await new Promise((resolve) => setTimeout(resolve, 150));
    const mid = childProcessTimeMs();
    await running;
    const after = childProcessTimeMs();
    expect(after).toBeGreaterThan(mid);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(childProcessTimeMs()).toBe(after);
  });

  it('tallies the time spent spawning apart: positive, and a small part of a 300 ms child', async () => {
    const spawn0 = childSpawnTimeMs();
    const res = await runCommand(sleeper(300));
    const spawned = childSpawnTimeMs() - spawn0;
    expect(spawned).toBeGreaterThan(0);
    expect(spawned).toBeLessThan(res.durationMs - 200);
  });

  it('does not count a command refused before start', async () => {
    const [time0, count0, spawn0] = [childProcessTimeMs(), childProcessCount(), childSpawnTimeMs()];
    const res = await runCommand({ ...sleeper(10), argv: [] });
    expect(res.failedToStart).toBe(true);
    expect(childProcessCount()).toBe(count0);
    expect(childProcessTimeMs()).toBe(time0);
    expect(childSpawnTimeMs()).toBe(spawn0);
  });
});
