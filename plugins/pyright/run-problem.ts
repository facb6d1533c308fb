import type { ExecResult } from '../../src/runner/types.js';
import type { RawArtifact } from '../../src/plugin/contract.js';

/** Why a pyright run cannot be trusted: a stable key (part of the fingerprint) and what to do. */
export interface RunProblem {
  key: string;
  title: string;
  message: string;
}

const problem = (key: string, title: string, message: string): RunProblem => ({ key, title, message });

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n').map((l) => l.trim()).find(Boolean) ?? '';
}

/** pyright's exit codes besides 0 (clean) and 1 (errors found). */
const EXITS: Record<number, string> = {
  2: 'a fatal error',
  3: 'its config file could not be read (the run ignored it)',
  4: 'an invalid command line',
};

/** Start failures, timeouts, signals and exits 2–4, which pyright uses for its own failures. */
export function processProblem(exec: ExecResult | undefined, stderr: string | undefined, stdout: string | undefined, timeoutSec: number): RunProblem | undefined {
  if (!exec) return problem('no-exec', 'pyright did not run', 'the pyright plugin did not start pyright');
  if (exec.failedToStart) {
    return problem('start', 'pyright could not be started', `could not start ${exec.argv[0]}: ${exec.error ?? 'unknown error'}; install pyright (npm i -D pyright) or set plugins.pyright.command (e.g. ["npx", "pyright"]) in .github/atqos.yml`);
  }
  if (exec.timedOut) return problem('timeout', 'pyright timed out', `pyright did not finish within ${timeoutSec}s and was killed: raise plugins.pyright.timeoutSec or narrow plugins.pyright.paths`);
  if (exec.aborted) return problem('aborted', 'pyright was cancelled', 'the run was cancelled while pyright was running');
  if (exec.signal || exec.exitCode === null) return problem('signal', `pyright was killed by ${exec.signal ?? 'a signal'}`, `pyright was killed by ${exec.signal ?? 'a signal'} before it finished`);
  if (exec.exitCode === 0 || exec.exitCode === 1) return undefined;
  const what = EXITS[exec.exitCode] ?? 'an unexpected failure';
  const why = firstLine(stderr) || (stdout?.trimStart().startsWith('{') ? '' : firstLine(stdout)) || 'no message';
  return problem(`exit-${exec.exitCode}`, 'pyright failed', `pyright exited ${exec.exitCode}, ${what}: ${why} — fix the pyright config or plugins.pyright.args/paths`);
}

/** stdout is the report: missing or older than the run means it is not this run's. */
export function reportProblem(stdout: RawArtifact | undefined, runStartedAtMs: number): RunProblem | undefined {
  if (!stdout?.exists) return problem('no-output', 'pyright wrote no report', 'pyright wrote nothing to stdout, so there is no report to read');
  if (stdout.mtimeMs < runStartedAtMs - 2000) return problem('stale-output', 'the pyright report is stale', `the pyright report ${stdout.path} is older than this run and is not trusted`);
  return undefined;
}
