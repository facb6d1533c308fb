import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { drainToFile } from './capped-file.js';
import type { StreamTally } from './capped-file.js';
import { groupKiller } from './group-killer.js';
import { trackGroup, untrackGroup } from './process-group.js';
import { describeStartFailure } from './start-failure.js';
import { argvProblem, cwdProblem } from './start-refusal.js';
import { childFinished, childStarted } from './child-time.js';
import type { ExecResult, ExecSpec } from './types.js';

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_KILL_GRACE_MS = 2000;

/**
 * Runs `spec.argv` without a shell, in its own process group, with exactly `spec.env`, streaming
 * stdout and stderr to their files through a byte cap. Never throws for how the process ended:
 * exit codes, signals, timeouts, aborts and start failures all come back as an ExecResult.
 */
export async function runCommand(spec: ExecSpec): Promise<ExecResult> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const done = (fields: Partial<ExecResult>, out: StreamTally, err: StreamTally): ExecResult =>
    resultOf(spec, startedAt, performance.now() - t0, out, err, fields);

  const refusal = refuse(spec);
  if (refusal) {
    const [out, err] = await Promise.all([drainToFile(null, spec.stdoutPath, 0), drainToFile(null, spec.stderrPath, 0)]);
    return done(refusal, out, err);
  }

  const [file = '', ...args] = spec.argv;
  const spawnAt = performance.now();
  const child = execa(file, args, {
    cwd: spec.cwd,
    env: { ...spec.env },
    extendEnv: false,
    shell: false,
    ...(spec.input === undefined ? { stdin: 'ignore' as const } : { input: spec.input }),
    buffer: false,
    encoding: 'buffer',
    detached: true,
    cleanup: false,
    reject: false,
    windowsHide: true,
  });
  // The child's time starts once it runs: building its options and forking are ATQOS's own time.
  childStarted(performance.now() - spawnAt);
  const pid = child.pid;
  if (pid !== undefined) trackGroup(pid);
  const killer = groupKiller(pid, spec.killGraceMs ?? DEFAULT_KILL_GRACE_MS);
  let timedOut = false;
  let aborted = false;
  const timer = spec.timeoutMs ? setTimeout(() => ((timedOut = true), killer.terminate()), spec.timeoutMs) : undefined;
  const onAbort = (): void => ((aborted = true), killer.terminate());
  spec.signal?.addEventListener('abort', onAbort, { once: true });
  // Whatever the child left behind in its group (a server, a `sleep &`) would hold our pipes open.
  child.once('exit', () => killer.terminate());

  const maxBytes = spec.maxBytes ?? DEFAULT_MAX_BYTES;
  const [res, out, err] = await Promise.all([
    child,
    drainToFile(child.stdout, spec.stdoutPath, maxBytes),
    drainToFile(child.stderr, spec.stderrPath, maxBytes),
  ]).finally(childFinished);
  clearTimeout(timer);
  spec.signal?.removeEventListener('abort', onAbort);
  killer.finish();
  if (pid !== undefined) untrackGroup(pid);

  if (pid === undefined) {
    const code = typeof res.code === 'string' ? res.code : undefined;
    const detail = res.cause instanceof Error ? res.cause.message : (res.shortMessage ?? 'unknown error');
    const error = describeStartFailure(code, detail, { file, cwd: spec.cwd, env: spec.env, label: spec.label, hint: spec.hint });
    return done({ failedToStart: true, error }, out, err);
  }
  const writeError = out.error ?? err.error;
  const ended = { exitCode: res.exitCode ?? null, signal: res.signal ?? null, timedOut, aborted };
  return done(writeError ? { ...ended, error: writeError } : ended, out, err);
}

/** Reasons not to start at all; each says what to change. */
function refuse(spec: ExecSpec): Partial<ExecResult> | undefined {
  const badArgv = argvProblem(spec.argv);
  if (badArgv) return { failedToStart: true, error: badArgv };
  const unwritable = [spec.stdoutPath, spec.stderrPath].find((file) => !makeParentDir(file));
  if (unwritable) {
    return { failedToStart: true, error: `cannot create the directory of output file '${unwritable}'; check the run directory's permissions` };
  }
  const badCwd = cwdProblem(spec.cwd);
  if (badCwd) return { failedToStart: true, error: badCwd };
  if (spec.signal?.aborted) return { aborted: true, error: 'aborted before start' };
  return undefined;
}

function makeParentDir(file: string): boolean {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    return true;
  } catch {
    return false;
  }
}

function resultOf(
  spec: ExecSpec,
  startedAt: string,
  durationMs: number,
  out: StreamTally,
  err: StreamTally,
  fields: Partial<ExecResult>,
): ExecResult {
  return {
    argv: spec.argv,
    cwd: spec.cwd,
    exitCode: null,
    signal: null,
    timedOut: false,
    aborted: false,
    failedToStart: false,
    startedAt,
    durationMs: Math.round(durationMs),
    stdoutPath: spec.stdoutPath,
    stderrPath: spec.stderrPath,
    stdoutBytes: out.bytes,
    stderrBytes: err.bytes,
    stdoutTruncated: out.dropped,
    stderrTruncated: err.dropped,
    ...fields,
  };
}
