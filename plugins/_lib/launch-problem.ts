import type { RawArtifact } from '../../src/plugin/contract.js';
import type { ExecResult } from '../../src/runner/types.js';
import type { RunProblem } from './run-problem.js';

/** What to do when the tool could not start, and when it timed out. */
export interface LaunchHints {
  start: string;
  timeout: string;
}

const problem = (key: string, title: string, message: string): RunProblem => ({ key, title, message });

/** A run that never got going: not started by the plugin, not startable, timed out or cancelled. */
export function launchProblem(tool: string, exec: ExecResult | undefined, timeoutSec: number, hints: LaunchHints): RunProblem | undefined {
  if (!exec) return problem('no-exec', `${tool} did not run`, `the ${tool} plugin did not start ${tool}`);
  if (exec.failedToStart) return problem('start', `${tool} could not be started`, `could not start ${exec.argv[0]}: ${exec.error ?? 'unknown error'}; ${hints.start}`);
  if (exec.timedOut) return problem('timeout', `${tool} timed out`, `${tool} did not finish within ${timeoutSec}s and was killed: ${hints.timeout}`);
  if (exec.aborted) return problem('aborted', `${tool} was cancelled`, `the run was cancelled while ${tool} was running`);
  return undefined;
}

/** Killed by a signal, or ended without an exit code: whatever it wrote is partial. */
export function killedProblem(tool: string, exec: ExecResult | undefined): RunProblem | undefined {
  if (!exec || (!exec.signal && exec.exitCode !== null)) return undefined;
  const by = exec.signal ?? 'a signal';
  return problem('signal', `${tool} was killed by ${by}`, `${tool} was killed by ${by} before it finished`);
}

/** What the tool's stdout holds (`report`, `output`), and what to say when it is missing. */
export interface StdoutWords {
  noun: string;
  missing: string;
}

/** stdout is the report: missing, or older than the run (2 s of slack for coarse mtimes), means it is not this run's. */
export function stdoutProblem(tool: string, stdout: RawArtifact | undefined, runStartedAtMs: number, words: StdoutWords): RunProblem | undefined {
  if (!stdout?.exists) return problem('no-output', `${tool} wrote no ${words.noun}`, words.missing);
  if (stdout.mtimeMs < runStartedAtMs - 2000) return problem('stale-output', `the ${tool} ${words.noun} is stale`, `the ${tool} ${words.noun} ${stdout.path} is older than this run and is not trusted`);
  return undefined;
}

/** `launchProblem`, else `killedProblem`: any way the run failed before its exit code means anything. */
export function processFailure(tool: string, exec: ExecResult | undefined, timeoutSec: number, hints: LaunchHints): RunProblem | undefined {
  return launchProblem(tool, exec, timeoutSec, hints) ?? killedProblem(tool, exec);
}
