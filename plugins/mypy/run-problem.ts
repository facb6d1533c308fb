import type { ExecResult } from '../../src/runner/types.js';
import type { RawArtifact } from '../../src/plugin/contract.js';

/** Why a mypy run cannot be trusted: a stable key (part of the fingerprint) and what to do. */
export interface RunProblem {
  key: string;
  title: string;
  message: string;
}

const problem = (key: string, title: string, message: string): RunProblem => ({ key, title, message });

/** mypy's own words: its `error:` line, else the last line it printed. */
export function causeLine(text: string | undefined): string {
  const lines = (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^mypy: error:|^error:|INTERNAL ERROR/.test(l)) ?? lines.at(-1) ?? '';
}

/** Start failures, timeouts and signals; exit codes are judged with the parsed output. */
export function processProblem(exec: ExecResult | undefined, timeoutSec: number): RunProblem | undefined {
  if (!exec) return problem('no-exec', 'mypy did not run', 'the mypy plugin did not start mypy');
  if (exec.failedToStart) {
    return problem('start', 'mypy could not be started', `could not start ${exec.argv[0]}: ${exec.error ?? 'unknown error'}; install mypy or set plugins.mypy.python (an interpreter with mypy) or plugins.mypy.command in .github/atqos.yml`);
  }
  if (exec.timedOut) return problem('timeout', 'mypy timed out', `mypy did not finish within ${timeoutSec}s and was killed: raise plugins.mypy.timeoutSec or narrow plugins.mypy.paths`);
  if (exec.aborted) return problem('aborted', 'mypy was cancelled', 'the run was cancelled while mypy was running');
  if (exec.signal || exec.exitCode === null) return problem('signal', `mypy was killed by ${exec.signal ?? 'a signal'}`, `mypy was killed by ${exec.signal ?? 'a signal'} before it finished`);
  return undefined;
}

/** stdout is the report: missing or older than the run means it is not this run's. */
export function reportProblem(stdout: RawArtifact | undefined, runStartedAtMs: number): RunProblem | undefined {
  if (!stdout?.exists) return problem('no-output', 'mypy wrote no output', 'mypy\'s stdout was not recorded, so there is nothing to read');
  if (stdout.mtimeMs < runStartedAtMs - 2000) return problem('stale-output', 'the mypy output is stale', `the mypy output ${stdout.path} is older than this run and is not trusted`);
  return undefined;
}

/** Exit 2 with no error at a file: a usage error, no files, a bad config or a crash. */
export function exitProblem(exitCode: number, stderr: string | undefined, stdout: string | undefined): RunProblem {
  const why = causeLine(stderr) || causeLine(stdout) || 'no message';
  return problem(`exit-${exitCode}`, 'mypy failed', `mypy exited ${exitCode} without checking the code (a bad argument, no files to check, or a crash): ${why} — fix plugins.mypy.args/paths or the mypy config`);
}
