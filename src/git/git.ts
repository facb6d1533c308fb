import path from 'node:path';
import { AtqosError } from '../core/index.js';
import { buildToolEnv, runCaptured } from '../runner/index.js';
import type { CapturedResult } from '../runner/index.js';
import { openCallLog } from './call-log.js';

/** Where and how every git call in this folder runs. All fields optional. */
export interface GitOptions {
  /** Directory where each call's stdout and stderr are kept as files; none when absent. */
  logDir?: string;
  /** The complete environment for git; defaults to `gitEnv()`. */
  env?: Readonly<Record<string, string>>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface GitCall extends GitOptions {
  cwd: string;
  /** Return a non-zero exit as data instead of throwing. */
  allowFail?: boolean;
  /** What the user should do when this call fails; replaces the generic hint. */
  hint?: string;
  /** Bytes of stdout kept; more is an error, never silently cut data. Default 64 MiB. */
  maxBytes?: number;
  /** Text for git's stdin (e.g. `cat-file --batch` requests). */
  input?: string;
  /** Also return stdout as bytes, for output framed by byte counts. */
  raw?: boolean;
}

export interface GitResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout undecoded; only when the call asked for `raw`. */
  stdoutBytes?: Buffer;
}

/** Who ATQOS commits as; fixed, so commits work on machines with no identity configured. */
export const ATQOS_IDENTITY = { name: 'ATQOS', email: 'atqos@users.noreply.github.com' } as const;

const DEFAULT_TIMEOUT_MS = 300_000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

// User and system config stay in force (safe.directory, LFS filters, autocrlf are how the repo
// checks out), but settings that would run code, sign, prompt, recurse into the network, resolve
// conflicts from old recordings or decorate machine output are pinned off for every call.
const PINNED_CONFIG = [
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'core.quotePath=false',
  'commit.gpgSign=false',
  'gc.auto=0',
  'maintenance.auto=false',
  'rerere.enabled=false',
  'submodule.recurse=false',
  'color.ui=false',
  'log.showSignature=false',
  'advice.detachedHead=false',
].flatMap((kv) => ['-c', kv]);

/**
 * The environment for git: the runner's allowlist (so no GIT_DIR or tokens leak in), no prompts,
 * no editor or pager, literal pathspecs, and ATQOS as author and committer.
 */
export function gitEnv(parent: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return buildToolEnv(parent, {
    set: {
      GIT_TERMINAL_PROMPT: '0',
      GIT_EDITOR: 'true',
      GIT_PAGER: 'cat',
      GIT_LITERAL_PATHSPECS: '1',
      GIT_AUTHOR_NAME: ATQOS_IDENTITY.name,
      GIT_AUTHOR_EMAIL: ATQOS_IDENTITY.email,
      GIT_COMMITTER_NAME: ATQOS_IDENTITY.name,
      GIT_COMMITTER_EMAIL: ATQOS_IDENTITY.email,
    },
  });
}

// Read once: the orchestrator's environment does not change during a run, and every git call
// would otherwise filter all of it again.
let defaultEnv: Readonly<Record<string, string>> | undefined;

let callSeq = 0;

/**
 * Runs `git <args>` through the runner (argv, no shell) with its output in memory. Throws an
 * AtqosError with the stderr tail on a non-zero exit unless `allowFail`; always throws when git
 * could not start, timed out, was aborted, or wrote more than `maxBytes`. With `logDir`, the
 * call's stdout and stderr are also kept there as files.
 */
export async function git(args: readonly string[], call: GitCall): Promise<GitResult> {
  const maxBytes = call.maxBytes ?? DEFAULT_MAX_BYTES;
  const log = call.logDir === undefined ? undefined : openCallLog(call.logDir, logBase(call.logDir, args));
  const res = await runCaptured({
    argv: ['git', ...PINNED_CONFIG, ...args],
    cwd: call.cwd,
    env: call.env ?? (defaultEnv ??= gitEnv()),
    maxBytes,
    timeoutMs: call.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    signal: call.signal,
    ...(call.input === undefined ? {} : { input: call.input }),
    label: 'git',
    hint: 'install git (2.39 or newer) and put it on PATH',
  });
  await log?.write(...logged(res, maxBytes));
  const stdout = res.stdout.toString('utf8');
  const shown = `git ${args.join(' ')}`;
  if (res.failedToStart) throw new AtqosError('git_not_started', res.error ?? `${shown} could not start`);
  if (res.timedOut || res.aborted || res.exitCode === null) {
    const why = res.timedOut ? 'timed out' : res.aborted ? 'was aborted' : `was killed (${res.signal ?? 'signal'})`;
    throw new AtqosError('git_interrupted', `${shown} ${why} in ${call.cwd}`, { transient: true, hint: 'retry; check for a stuck lock file under .git' });
  }
  if (res.stdoutTruncated > 0) {
    throw new AtqosError('git_output_too_large', `${shown} wrote more than ${maxBytes} bytes`, { hint: 'the change or file is too large for ATQOS to handle; shrink it' });
  }
  if (res.exitCode !== 0 && !call.allowFail) {
    throw new AtqosError('git_failed', `${shown} failed (exit ${res.exitCode}) in ${call.cwd}: ${tail(res.stderr)}`, {
      hint: call.hint ?? `run the same git command in ${call.cwd} to see the problem`,
    });
  }
  if (!call.raw) return { exitCode: res.exitCode, stdout, stderr: res.stderr };
  return { exitCode: res.exitCode, stdout, stderr: res.stderr, stdoutBytes: res.stdout };
}

/** `<logDir>/git-<pid>-<n>-<verb>`: the names runCommand's files always had. */
function logBase(logDir: string, args: readonly string[]): string {
  const verb = (args[0] ?? 'none').replace(/[^a-z-]/g, '_');
  return path.join(logDir, `git-${process.pid}-${++callSeq}-${verb}`);
}

/** What the log files hold; a cut stream says so at the cut. */
function logged(res: CapturedResult, maxBytes: number): [Buffer, string] {
  const stdout = res.stdoutTruncated > 0 ? Buffer.concat([res.stdout, Buffer.from(truncationNote(res.stdoutTruncated, `after cap of ${maxBytes} bytes`))]) : res.stdout;
  const stderr = res.stderrTruncated > 0 ? `${truncationNote(res.stderrTruncated, 'before the tail kept')}${res.stderr}` : res.stderr;
  return [stdout, stderr];
}

function truncationNote(dropped: number, where: string): string {
  return `\n[atqos: ${dropped} bytes dropped ${where}]\n`;
}

function tail(text: string, max = 800): string {
  const trimmed = text.trim();
  return trimmed.length > max ? `…${trimmed.slice(-max)}` : trimmed || '(no output)';
}
