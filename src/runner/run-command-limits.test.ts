import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { truncationMarker } from './capped-file.js';
import { DEFAULT_MAX_BYTES, runCommand } from './run-command.js';
import { isAlive, killLeftovers, nodeSpec, readPid, tempDir, waitFor } from './test-support.js';

const MiB = 1024 * 1024;

describe('runCommand: output cap', () => {
  it('keeps 10 MiB of a 256 MiB stream with flat memory and marks the cut', async () => {
    const dir = tempDir();
    const total = 256 * MiB;
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
    const res = await runCommand(nodeSpec(dir, 'print-bytes.js', [String(total)]));
    clearInterval(sampler);
    const marker = truncationMarker(total - DEFAULT_MAX_BYTES, DEFAULT_MAX_BYTES);
    expect(res.exitCode).toBe(0);
    expect(res.stdoutBytes).toBe(total);
    expect(res.stdoutTruncated).toBe(total - DEFAULT_MAX_BYTES);
    expect(fs.statSync(res.stdoutPath).size).toBe(DEFAULT_MAX_BYTES + Buffer.byteLength(marker));
    const fd = fs.openSync(res.stdoutPath, 'r');
    const tail = Buffer.alloc(Buffer.byteLength(marker) + 1);
    fs.readSync(fd, tail, 0, tail.length, DEFAULT_MAX_BYTES - 1);
    fs.closeSync(fd);
    expect(tail.toString()).toBe(`x${marker}`);
    expect(peak - baseline).toBeLessThan(128 * MiB);
  }, 30_000);

  it('caps each stream on its own', async () => {
    const dir = tempDir();
    const res = await runCommand(nodeSpec(dir, 'print-bytes.js', ['5000', 'stderr'], { maxBytes: 1000 }));
    expect(res).toMatchObject({ stderrBytes: 5000, stderrTruncated: 4000, stdoutBytes: 0, stdoutTruncated: 0 });
    expect(fs.readFileSync(res.stderrPath, 'utf8')).toBe('x'.repeat(1000) + truncationMarker(4000, 1000));
    expect(fs.readFileSync(res.stdoutPath, 'utf8')).toBe('');
  });

  it('writes output under the cap untouched, without a marker', async () => {
    const dir = tempDir();
    const res = await runCommand(nodeSpec(dir, 'print-bytes.js', ['1000'], { maxBytes: 1000 }));
    expect(res.stdoutTruncated).toBe(0);
    expect(fs.readFileSync(res.stdoutPath, 'utf8')).toBe('x'.repeat(1000));
  });
});

describe('runCommand: timeouts and aborts end the whole process tree', { timeout: 15_000 }, () => {
  // Should a kill ever fail, do not leave sleeping grandchildren behind on the machine.
  const grandchildren: number[] = [];
  const track = (pid: number): number => (grandchildren.push(pid), pid);
  afterEach(() => {
    killLeftovers(grandchildren);
  });

  it('kills child and grandchild on timeout', async () => {
    const dir = tempDir();
    const pidFile = path.join(dir, 'grandchild.pid');
    const res = await runCommand(nodeSpec(dir, 'sleep-tree.js', [pidFile], { timeoutMs: 1000 }));
    const grandchild = track(Number(fs.readFileSync(pidFile, 'utf8')));
    expect(res).toMatchObject({ timedOut: true, aborted: false, exitCode: null, signal: 'SIGTERM' });
    expect(res.durationMs).toBeGreaterThanOrEqual(950);
    expect(res.durationMs).toBeLessThan(5000);
    expect(await waitFor(() => !isAlive(grandchild))).toBe(true);
  });

  it('escalates to SIGKILL when the tree ignores SIGTERM', async () => {
    const dir = tempDir();
    const pidFile = path.join(dir, 'grandchild.pid');
    const spec = nodeSpec(dir, 'sleep-tree.js', [pidFile, '--ignore-term'], { timeoutMs: 1000, killGraceMs: 300 });
    const res = await runCommand(spec);
    const grandchild = track(Number(fs.readFileSync(pidFile, 'utf8')));
    expect(res).toMatchObject({ timedOut: true, exitCode: null, signal: 'SIGKILL' });
    expect(res.durationMs).toBeGreaterThanOrEqual(1250);
    expect(await waitFor(() => !isAlive(grandchild))).toBe(true);
  });

  it('aborts on the AbortSignal and kills the tree', async () => {
    const dir = tempDir();
    const pidFile = path.join(dir, 'grandchild.pid');
    const controller = new AbortController();
    const running = runCommand(nodeSpec(dir, 'sleep-tree.js', [pidFile], { signal: controller.signal }));
    const grandchild = track(await readPid(pidFile));
    expect(isAlive(grandchild)).toBe(true);
    controller.abort();
    const res = await running;
    expect(res).toMatchObject({ aborted: true, timedOut: false, exitCode: null, signal: 'SIGTERM' });
    expect(await waitFor(() => !isAlive(grandchild))).toBe(true);
  });

  it('does not start when the signal is already aborted', async () => {
    const dir = tempDir();
    const pidFile = path.join(dir, 'grandchild.pid');
    const res = await runCommand(nodeSpec(dir, 'sleep-tree.js', [pidFile], { signal: AbortSignal.abort() }));
    expect(res).toMatchObject({ aborted: true, failedToStart: false, exitCode: null });
    expect(fs.existsSync(pidFile)).toBe(false);
  });

  it('returns when the child exits, killing what it left holding the pipe', async () => {
    const dir = tempDir();
    const pidFile = path.join(dir, 'grandchild.pid');
    const res = await runCommand(nodeSpec(dir, 'sleep-tree.js', [pidFile, '--exit']));
    const grandchild = track(Number(fs.readFileSync(pidFile, 'utf8')));
    expect(res).toMatchObject({ exitCode: 0, timedOut: false, aborted: false });
    expect(res.durationMs).toBeLessThan(5000);
    expect(fs.readFileSync(res.stdoutPath, 'utf8')).toBe(`grandchild ${grandchild}\n`);
    expect(await waitFor(() => !isAlive(grandchild))).toBe(true);
  });
});
