/** What to run. argv is passed to the OS as-is: no shell ever sees it. */
export interface ExecSpec {
  argv: readonly string[];
  cwd: string;
  /** The complete environment of the child. Nothing is inherited implicitly. */
  env: Readonly<Record<string, string>>;
  /** Absolute paths the child's stdout and stderr are streamed to. */
  stdoutPath: string;
  stderrPath: string;
  /** Bytes kept per stream; the rest is counted and dropped. Default 10 MiB. */
  maxBytes?: number;
  /** Kill the whole process group after this many ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** After SIGTERM to the group (timeout, abort), wait this long before SIGKILL. Default 2000. */
  killGraceMs?: number;
  /** Text written to the child's stdin, which is then closed; absent: no stdin at all. */
  input?: string;
  /** Who runs the command (e.g. `pytest`), named in start-failure messages. */
  label?: string;
  /** The fix to suggest when the executable cannot be started, e.g. "set `plugins.pytest.python` in .github/atqos.yml". */
  hint?: string;
}

/** How a process ended. A non-zero exit is data, not an exception. */
export interface ExecResult {
  argv: readonly string[];
  cwd: string;
  /** null when killed by a signal or never started. */
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  aborted: boolean;
  /** The executable could not be started (ENOENT, EACCES); see `error`. */
  failedToStart: boolean;
  error?: string;
  startedAt: string;
  durationMs: number;
  stdoutPath: string;
  stderrPath: string;
  /** Bytes the child wrote to each stream, kept and dropped alike. */
  stdoutBytes: number;
  stderrBytes: number;
  /** Bytes dropped because the stream exceeded maxBytes. */
  stdoutTruncated: number;
  stderrTruncated: number;
}
