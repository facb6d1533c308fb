import type { ExecResult } from '../../src/runner/types.js';
import type { RawArtifact } from '../../src/plugin/contract.js';

/** Why a ruff run cannot be trusted: a stable key (part of the fingerprint) and what to do. */
export interface RunProblem {
  key: string;
  title: string;
  message: string;
}

const problem = (key: string, title: string, message: string): RunProblem => ({ key, title, message });

/** ruff (clap) puts the cause on an `error:` line, before the usage text. */
function causeLine(text: string | undefined): string {
  const lines = (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^(ruff failed|error:)/i.test(l)) ?? lines.at(-1) ?? '';
}

/** Start failures, timeouts, signals and exit 2 (ruff's "abnormal termination": config, usage, internal error). */
export function processProblem(exec: ExecResult | undefined, stderr: string | undefined, timeoutSec: number): RunProblem | undefined {
  if (!exec) return problem('no-exec', 'ruff did not run', 'the ruff plugin did not start ruff');
  if (exec.failedToStart) {
    return problem('start', 'ruff could not be started', `could not start ${exec.argv[0]}: ${exec.error ?? 'unknown error'}; install ruff or set plugins.ruff.command (e.g. ["uv", "run", "ruff"]) in .github/atqos.yml`);
  }
  if (exec.timedOut) return problem('timeout', 'ruff timed out', `ruff did not finish within ${timeoutSec}s and was killed: raise plugins.ruff.timeoutSec or narrow plugins.ruff.paths`);
  if (exec.aborted) return problem('aborted', 'ruff was cancelled', 'the run was cancelled while ruff was running');
  if (exec.signal || exec.exitCode === null) return problem('signal', `ruff was killed by ${exec.signal ?? 'a signal'}`, `ruff was killed by ${exec.signal ?? 'a signal'} before it finished`);
  if (exec.exitCode === 0 || exec.exitCode === 1) return undefined;
  const why = causeLine(stderr) || 'no message on stderr';
  return problem(`exit-${exec.exitCode}`, 'ruff failed', `ruff exited ${exec.exitCode} (a configuration error, a bad argument or an internal error): ${why} — fix the ruff config or plugins.ruff.args`);
}

/** The report is stdout: missing or written before this run started means it is not this run's. */
export function reportProblem(stdout: RawArtifact | undefined, runStartedAtMs: number): RunProblem | undefined {
  if (!stdout?.exists) return problem('no-output', 'ruff wrote no report', 'ruff wrote nothing to stdout, so there is no report to read');
  // 2 s of slack for filesystems with coarse mtimes.
  if (stdout.mtimeMs < runStartedAtMs - 2000) return problem('stale-output', 'the ruff report is stale', `the ruff report ${stdout.path} is older than this run and is not trusted`);
  return undefined;
}
