import type { ExecResult } from '../../src/runner/types.js';
import type { RawArtifact } from '../../src/plugin/contract.js';
import { processFailure, stdoutProblem } from '../_lib/launch-problem.js';
import { causeLine as lastCause } from '../_lib/output-tail.js';
import type { RunProblem } from '../_lib/run-problem.js';

export type { RunProblem } from '../_lib/run-problem.js';

/** mypy's own words: its `error:` line, else the last line it printed. */
export function causeLine(text: string | undefined): string {
  return lastCause(text, /^mypy: error:|^error:|INTERNAL ERROR/);
}

/** Start failures, timeouts and signals; exit codes are judged with the parsed output. */
export function processProblem(exec: ExecResult | undefined, timeoutSec: number): RunProblem | undefined {
  return processFailure('mypy', exec, timeoutSec, {
    start: 'install mypy or set plugins.mypy.python (an interpreter with mypy) or plugins.mypy.command in .github/atqos.yml',
    timeout: 'raise plugins.mypy.timeoutSec or narrow plugins.mypy.paths',
  });
}

/** stdout is the report: missing or older than the run means it is not this run's. */
export function reportProblem(stdout: RawArtifact | undefined, runStartedAtMs: number): RunProblem | undefined {
  return stdoutProblem('mypy', stdout, runStartedAtMs, { noun: 'output', missing: 'mypy\'s stdout was not recorded, so there is nothing to read' });
}

/** Exit 2 with no error at a file: a usage error, no files, a bad config or a crash. */
export function exitProblem(exitCode: number, stderr: string | undefined, stdout: string | undefined): RunProblem {
  const why = causeLine(stderr) || causeLine(stdout) || 'no message';
  return { key: `exit-${exitCode}`, title: 'mypy failed', message: `mypy exited ${exitCode} without checking the code (a bad argument, no files to check, or a crash): ${why} — fix plugins.mypy.args/paths or the mypy config` };
}
