import type { ExecResult } from '../../src/runner/types.js';
import type { RawArtifact } from '../../src/plugin/contract.js';
import { processFailure, stdoutProblem } from '../_lib/launch-problem.js';
import type { RunProblem } from '../_lib/run-problem.js';

export type { RunProblem } from '../_lib/run-problem.js';

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
  const early = processFailure('pyright', exec, timeoutSec, {
    start: 'install pyright (npm i -D pyright) or set plugins.pyright.command (e.g. ["npx", "pyright"]) in .github/atqos.yml',
    timeout: 'raise plugins.pyright.timeoutSec or narrow plugins.pyright.paths',
  });
  if (early || !exec || exec.exitCode === 0 || exec.exitCode === 1) return early;
  const what = EXITS[exec.exitCode!] ?? 'an unexpected failure';
  const why = firstLine(stderr) || (stdout?.trimStart().startsWith('{') ? '' : firstLine(stdout)) || 'no message';
  return { key: `exit-${exec.exitCode}`, title: 'pyright failed', message: `pyright exited ${exec.exitCode}, ${what}: ${why} — fix the pyright config or plugins.pyright.args/paths` };
}

/** stdout is the report: missing or older than the run means it is not this run's. */
export function reportProblem(stdout: RawArtifact | undefined, runStartedAtMs: number): RunProblem | undefined {
  return stdoutProblem('pyright', stdout, runStartedAtMs, { noun: 'report', missing: 'pyright wrote nothing to stdout, so there is no report to read' });
}
