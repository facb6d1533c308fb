import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killAllChildren } from './process-group.js';
import { runCaptured } from './run-captured.js';
import type { CapturedSpec } from './run-captured.js';
import { bin, isAlive, killLeftovers, readPid, tempDir, waitFor } from './test-support.js';

function sleepTree(dir: string, flags: string[], extra: Partial<CapturedSpec> = {}): CapturedSpec {
  return { argv: [process.execPath, bin('sleep-tree.js'), path.join(dir, 'grandchild.pid'), ...flags], cwd: dir, env: {}, maxBytes: 1024, ...extra };
}

describe('runCaptured: timeouts, aborts and shutdown end the whole process tree', { timeout: 15_000 }, () => {
  // Should a kill ever fail, do not leave sleeping grandchildren behind on the machine.
  const grandchildren: number[] = [];
  const track = (pid: number): number => (grandchildren.push(pid), pid);
  afterEach(() => {
    killLeftovers(grandchildren);
  });

  it('kills child and grandchild on timeout', async () => {
    const dir = tempDir();
    const res = await runCaptured(sleepTree(dir, [], { timeoutMs: 1000 }));
    const grandchild = track(Number(fs.readFileSync(path.join(dir, 'grandchild.pid'), 'utf8')));
    expect(res).toMatchObject({ timedOut: true, aborted: false, exitCode: null, signal: 'SIGTERM' });
    expect(res.durationMs).toBeGreaterThanOrEqual(950);
    expect(res.durationMs).toBeLessThan(5000);
    expect(res.stdout.toString()).toBe(`grandchild ${grandchild}\n`);
    expect(await waitFor(() => !isAlive(grandchild))).toBe(true);
  });

  it('escalates to SIGKILL when the tree ignores SIGTERM', async () => {
    const dir = tempDir();
    const res = await runCaptured(sleepTree(dir, ['--ignore-term'], { timeoutMs: 1000, killGraceMs: 300 }));
    const grandchild = track(Number(fs.readFileSync(path.join(dir, 'grandchild.pid'), 'utf8')));
    expect(res).toMatchObject({ timedOut: true, exitCode: null, signal: 'SIGKILL' });
    expect(res.durationMs).toBeGreaterThanOrEqual(1250);
    expect(await waitFor(() => !isAlive(grandchild))).toBe(true);
  });

  it('aborts on the AbortSignal and kills the tree', async () => {
    const dir = tempDir();
    const controller = new AbortController();
    const running = runCaptured(sleepTree(dir, [], { signal: controller.signal }));
    const grandchild = track(await readPid(path.join(dir, 'grandchild.pid')));
    expect(isAlive(grandchild)).toBe(true);
    controller.abort();
    expect(await running).toMatchObject({ aborted: true, timedOut: false, exitCode: null, signal: 'SIGTERM' });
    expect(await waitFor(() => !isAlive(grandchild))).toBe(true);
  });

  it('returns when the child exits, killing what it left holding the pipe', async () => {
    const dir = tempDir();
    const res = await runCaptured(sleepTree(dir, ['--exit']));
    const grandchild = track(Number(fs.readFileSync(path.join(dir, 'grandchild.pid'), 'utf8')));
    expect(res).toMatchObject({ exitCode: 0, timedOut: false, aborted: false });
    expect(res.durationMs).toBeLessThan(5000);
    expect(await waitFor(() => !isAlive(grandchild))).toBe(true);
  });

  it('is registered for killAllChildren while it runs', async () => {
    const dir = tempDir();
    const running = runCaptured(sleepTree(dir, []));
    const grandchild = track(await readPid(path.join(dir, 'grandchild.pid')));
    expect(killAllChildren('SIGKILL')).toBeGreaterThanOrEqual(1);
    expect(await running).toMatchObject({ exitCode: null, signal: 'SIGKILL' });
    expect(await waitFor(() => !isAlive(grandchild))).toBe(true);
    expect(killAllChildren('SIGKILL')).toBe(0);
  });
});
