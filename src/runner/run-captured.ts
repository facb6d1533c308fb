import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { headCollector, tailCollector } from './captured-output.js';
import { childFinished, childStarted } from './child-time.js';
import { groupKiller } from './group-killer.js';
import { trackGroup, untrackGroup } from './process-group.js';
import { DEFAULT_KILL_GRACE_MS } from './run-command.js';
import { describeStartFailure } from './start-failure.js';
import { argvProblem, cwdProblem } from './start-refusal.js';
import { scrubText } from '../secrets/index.js';

/** A short internal command whose output ATQOS reads itself (git plumbing), kept in memory. */
export interface CapturedSpec {
  argv: readonly string[];
  cwd: string;
  /** The complete environment of the child. Nothing is inherited implicitly. */
  env: Readonly<Record<string, string>>;
  /** Text written to the child's stdin, which is then closed; absent: no stdin at all. */
  input?: string;
  /** Kill the whole process group after this many ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Bytes of stdout kept; the rest is counted in `stdoutTruncated` and dropped. */
  maxBytes: number;
  /** Bytes kept from the end of stderr. Default 256 KiB. */
  stderrTailBytes?: number;
  /** After SIGTERM to the group (timeout, abort), wait this long before SIGKILL. Default 2000. */
  killGraceMs?: number;
  /** Who runs the command (e.g. `git`), named in start-failure messages. */
  label?: string;
  /** The fix to suggest when the executable cannot be started. */
  hint?: string;
}

/** How the command ended and what it printed. A non-zero exit is data, not an exception. */
export interface CapturedResult {
  /** null when killed by a signal or never started. */
  exitCode: number | null;
  signal: string | null;
  /** The first `maxBytes` bytes of stdout, exactly as written (not scrubbed: callers parse it). */
  stdout: Buffer;
  /** The last `stderrTailBytes` bytes of stderr, decoded as UTF-8, secrets redacted. */
  stderr: string;
  timedOut: boolean;
  aborted: boolean;
  /** The executable could not be started; see `error`. */
  failedToStart: boolean;
  error?: string;
  /** Bytes of stdout dropped past `maxBytes`: more than 0 means `stdout` is not all of it. */
  stdoutTruncated: number;
  /** Bytes dropped from the start of stderr. */
  stderrTruncated: number;
  durationMs: number;
}

const DEFAULT_STDERR_TAIL = 256 * 1024;

/**
 * Runs `spec.argv` like `runCommand` — no shell, its own process group, exactly `spec.env`, the
 * group killed on timeout, abort or host shutdown — but keeps the output in memory instead of
 * files, which makes a short command several milliseconds cheaper. Never throws for how the
 * process ended: exit codes, signals, timeouts, aborts and start failures are all data.
 */
export async function runCaptured(spec: CapturedSpec): Promise<CapturedResult> {
  const t0 = performance.now();
  const refusal = refuse(spec);
  if (refusal) return { ...emptyResult(), ...refusal };
  const [file = '', ...args] = spec.argv;
  const spawnAt = performance.now();
  let child: ChildProcess;
  try {
    child = spawn(file, args, {
      cwd: spec.cwd,
      env: { ...spec.env },
      stdio: [spec.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      detached: true,
      shell: false,
      windowsHide: true,
    });
  } catch (err) {
    return { ...emptyResult(), failedToStart: true, error: startFailure(spec, file, err) };
  }
  // The child's time starts once it runs: building its options and forking are ATQOS's own time.
  childStarted(performance.now() - spawnAt);
  try {
    const res = await supervise(child, spec, file);
    return { ...res, durationMs: Math.round(performance.now() - t0) };
  } finally {
    childFinished();
  }
}

function refuse(spec: CapturedSpec): Partial<CapturedResult> | undefined {
  const bad = argvProblem(spec.argv) ?? cwdProblem(spec.cwd);
  if (bad) return { failedToStart: true, error: bad };
  if (spec.signal?.aborted) return { aborted: true, error: 'aborted before start' };
  return undefined;
}

function supervise(child: ChildProcess, spec: CapturedSpec, file: string): Promise<CapturedResult> {
  const out = headCollector(spec.maxBytes);
  const err = tailCollector(spec.stderrTailBytes ?? DEFAULT_STDERR_TAIL);
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
  // A child that exits without reading its input closes the pipe (EPIPE): its exit code says why.
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(spec.input);
  const pid = child.pid;
  if (pid !== undefined) trackGroup(pid);
  const killer = groupKiller(pid, spec.killGraceMs ?? DEFAULT_KILL_GRACE_MS);
  const state = { timedOut: false, aborted: false };
  const timer = spec.timeoutMs ? setTimeout(() => ((state.timedOut = true), killer.terminate()), spec.timeoutMs) : undefined;
  const onAbort = (): void => ((state.aborted = true), killer.terminate());
  spec.signal?.addEventListener('abort', onAbort, { once: true });
  // Whatever the child left behind in its group (a `sleep &`) would hold our pipes open.
  child.once('exit', () => killer.terminate());

  return new Promise((resolve) => {
    let settled = false;
    const settle = (fields: Partial<CapturedResult>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onAbort);
      killer.finish();
      if (pid !== undefined) untrackGroup(pid);
      // stdout is data ATQOS reads (diffs, blobs framed by byte counts) and stays exact; stderr
      // only ever becomes a message, so it is scrubbed here.
      const collected = { stdout: out.take(), stderr: scrubText(err.take().toString('utf8')), stdoutTruncated: out.dropped, stderrTruncated: err.dropped };
      resolve({ ...emptyResult(), ...collected, ...state, ...fields });
    };
    // Without a pid the spawn failed (ENOENT, EACCES); with one, 'close' follows any error.
    child.once('error', (e) => {
      if (child.pid === undefined) settle({ failedToStart: true, error: startFailure(spec, file, e) });
    });
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => settle({ exitCode: code, signal }));
  });
}

function startFailure(spec: CapturedSpec, file: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const detail = err instanceof Error ? err.message : String(err);
  return describeStartFailure(code, detail, { file, cwd: spec.cwd, env: spec.env, label: spec.label, hint: spec.hint });
}

function emptyResult(): CapturedResult {
  return {
    exitCode: null, signal: null, stdout: Buffer.alloc(0), stderr: '', timedOut: false, aborted: false,
    failedToStart: false, stdoutTruncated: 0, stderrTruncated: 0, durationMs: 0,
  };
}
