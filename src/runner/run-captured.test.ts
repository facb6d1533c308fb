import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { childProcessCount, childProcessTimeMs, childSpawnTimeMs } from './child-time.js';
import { runCaptured } from './run-captured.js';
import type { CapturedSpec } from './run-captured.js';
import { bin, tempDir } from './test-support.js';

const MiB = 1024 * 1024;

/** Runs a fixture with the current node, so the child env can be empty. */
function node(script: string, args: string[], extra: Partial<CapturedSpec> = {}): CapturedSpec {
  return { argv: [process.execPath, bin(script), ...args], cwd: tempDir(), env: {}, maxBytes: MiB, ...extra };
}

const inline = (code: string, extra: Partial<CapturedSpec> = {}): CapturedSpec => ({ ...node('exit-code.js', []), argv: [process.execPath, '-e', code], ...extra });

describe('runCaptured: how a process ended is data, its output in memory', () => {
  it.each([0, 1, 5])('returns exit code %i with stdout and stderr', async (code) => {
    const res = await runCaptured(node('exit-code.js', [String(code)]));
    expect(res).toMatchObject({ exitCode: code, signal: null, timedOut: false, aborted: false, failedToStart: false, stdoutTruncated: 0, stderrTruncated: 0 });
    expect(res.stdout.toString()).toBe(`exiting ${code}\n`);
    expect(res.stderr).toBe(`stderr ${code}\n`);
  });

  it('feeds `input` to stdin and closes it; without it stdin is empty', async () => {
    const echo = 'process.stdin.pipe(process.stdout)';
    expect((await runCaptured(inline(echo, { input: 'line 1\nline 2\n' }))).stdout.toString()).toBe('line 1\nline 2\n');
    const none = await runCaptured(inline(echo));
    expect([none.exitCode, none.stdout.length]).toEqual([0, 0]);
  });

  it('survives a child that exits without reading a large input', async () => {
    const res = await runCaptured(inline('process.exitCode = 3', { input: 'x'.repeat(4 * MiB) }));
    expect(res).toMatchObject({ exitCode: 3, failedToStart: false });
  });

  it('reports a child killed by a signal', async () => {
    const res = await runCaptured(inline('process.kill(process.pid, "SIGTERM")'));
    expect(res).toMatchObject({ exitCode: null, signal: 'SIGTERM', timedOut: false });
  });

  it('keeps the first maxBytes of stdout and counts the rest, draining a 64 MiB stream', async () => {
    const res = await runCaptured(node('print-bytes.js', [String(64 * MiB)], { maxBytes: 1000 }));
    expect(res.exitCode).toBe(0);
    expect(res.stdout.toString()).toBe('x'.repeat(1000));
    expect(res.stdoutTruncated).toBe(64 * MiB - 1000);
  }, 30_000);

  it('keeps the tail of stderr and counts what it dropped', async () => {
    const code = 'process.stderr.write("head ".repeat(10000)); process.stderr.write("the reason")';
    const res = await runCaptured(inline(code, { stderrTailBytes: 20 }));
    expect(res.stderr).toBe('head head the reason');
    expect(res.stderrTruncated).toBe(50_010 - 20);
    expect(res.stdoutTruncated).toBe(0);
  });

  it('gives the child exactly spec.env, argv byte for byte, and the cwd', async () => {
    process.env.ATQOS_FAKE_SECRET = 'hunter2';
    try {
      const env = await runCaptured(node('echo-env.js', [], { env: { ONLY_THIS: 'yes' } }));
      expect(JSON.parse(env.stdout.toString())).toEqual({ ONLY_THIS: 'yes' });
    } finally {
      delete process.env.ATQOS_FAKE_SECRET;
    }
    const hostile = ['$(rm -rf /)', '; echo pwned', '`id`', 'ünïcødé ✓', '', '*', '| cat'];
    const sub = path.join(tempDir(), 'sub dir');
    fs.mkdirSync(sub);
    const echoed = await runCaptured(node('echo-argv.js', hostile, { cwd: sub }));
    expect(JSON.parse(echoed.stdout.toString())).toEqual(hostile);
    expect(echoed.stderr).toBe(fs.realpathSync(sub));
  });
});

describe('runCaptured: what cannot start says why and what to do', () => {
  it('names a missing executable with the hint, as runCommand does', async () => {
    const hint = 'install git (2.39 or newer) and put it on PATH';
    const res = await runCaptured(node('exit-code.js', [], { argv: ['git-9000', 'status'], env: { PATH: tempDir() }, label: 'git', hint }));
    expect(res).toMatchObject({ failedToStart: true, exitCode: null, signal: null, timedOut: false });
    expect(res.error).toBe(`git executable 'git-9000' not found on PATH; ${hint}`);
  });

  it('reports a file that is not executable and a path that does not exist', async () => {
    const dir = tempDir();
    const script = path.join(dir, 'not-exec.sh');
    fs.writeFileSync(script, '#!/bin/sh\necho hi\n', { mode: 0o644 });
    expect((await runCaptured(node('exit-code.js', [], { argv: [script] }))).error).toMatch(/not executable \(EACCES\); make it executable/);
    const missing = await runCaptured(node('exit-code.js', [], { argv: ['./bin/nothing'], cwd: dir }));
    expect(missing.error).toBe(`executable './bin/nothing' does not exist (relative to ${dir}); install it or configure its full path`);
  });

  it('refuses a missing cwd, a NUL byte, an empty argv and an aborted signal without starting', async () => {
    const count0 = childProcessCount();
    const dir = tempDir();
    expect((await runCaptured(node('exit-code.js', [], { cwd: path.join(dir, 'gone') }))).error).toMatch(/working directory .* does not exist/);
    expect((await runCaptured(node('exit-code.js', ['a\0b']))).error).toMatch(/argv\[2\] contains a NUL byte/);
    expect((await runCaptured(node('exit-code.js', [], { argv: [] }))).error).toMatch(/argv is empty/);
    const pidFile = path.join(dir, 'never.pid');
    const aborted = await runCaptured(node('sleep-tree.js', [pidFile], { signal: AbortSignal.abort() }));
    expect(aborted).toMatchObject({ aborted: true, failedToStart: false, exitCode: null });
    expect(fs.existsSync(pidFile)).toBe(false);
    expect(childProcessCount()).toBe(count0);
  });
});

describe('runCaptured: child-time accounting', () => {
  it('counts the child, its running time and its spawn time apart', async () => {
    const [count0, time0, spawn0] = [childProcessCount(), childProcessTimeMs(), childSpawnTimeMs()];
    const res = await runCaptured(inline('setTimeout(() => {}, 300)'));
    expect(childProcessCount()).toBe(count0 + 1);
    const grown = childProcessTimeMs() - time0;
    expect(grown).toBeGreaterThanOrEqual(290);
    expect(grown).toBeLessThanOrEqual(res.durationMs + 5);
    const spawned = childSpawnTimeMs() - spawn0;
    expect(spawned).toBeGreaterThan(0);
    expect(spawned).toBeLessThan(res.durationMs - 200);
  });
});
