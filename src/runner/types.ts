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
  stdoutBytes: number;
  stderrBytes: number;
  /** Bytes dropped because the stream exceeded maxBytes. */
  stdoutTruncated: number;
  stderrTruncated: number;
}
