import type { ExecResult } from '../../src/runner/types.js';
import type { RawArtifact } from '../../src/plugin/contract.js';
import { processFailure, stdoutProblem } from '../_lib/launch-problem.js';
import type { RunProblem } from '../_lib/run-problem.js';

export type { RunProblem } from '../_lib/run-problem.js';

/**
 * ruff (clap) puts a usage error on an `error:` line, before the usage text; a config or internal
 * error is `ruff failed` followed by indented `Cause:` lines, which say what to fix.
 */
function causeLine(text: string | undefined): string {
  const lines = (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  const i = lines.findIndex((l) => /^(ruff failed|error:)/i.test(l));
  if (i < 0) return lines.at(-1) ?? '';
  const causes = lines.slice(i + 1).filter((l) => /^Cause:/i.test(l)).map((l) => l.replace(/^Cause:\s*/i, ''));
  return causes.length ? `${lines[i]}: ${causes.join(': ')}`.slice(0, 500) : lines[i]!;
}

/** Start failures, timeouts, signals and exit 2 (ruff's "abnormal termination": config, usage, internal error). */
export function processProblem(exec: ExecResult | undefined, stderr: string | undefined, timeoutSec: number): RunProblem | undefined {
  const early = processFailure('ruff', exec, timeoutSec, {
    start: 'install ruff or set plugins.ruff.command (e.g. ["uv", "run", "ruff"]) in .github/atqos.yml',
    timeout: 'raise plugins.ruff.timeoutSec or narrow plugins.ruff.paths',
  });
  if (early || !exec || exec.exitCode === 0 || exec.exitCode === 1) return early;
  const why = causeLine(stderr) || 'no message on stderr';
  return { key: `exit-${exec.exitCode}`, title: 'ruff failed', message: `ruff exited ${exec.exitCode} (a configuration error, a bad argument or an internal error): ${why} — fix the ruff config or plugins.ruff.args` };
}

/** The report is stdout: missing or written before this run started means it is not this run's. */
export function reportProblem(stdout: RawArtifact | undefined, runStartedAtMs: number): RunProblem | undefined {
  return stdoutProblem('ruff', stdout, runStartedAtMs, { noun: 'report', missing: 'ruff wrote nothing to stdout, so there is no report to read' });
}
