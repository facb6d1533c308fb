import path from 'node:path';
import type { ValidationResult, ValidationSpec } from '../../core/index.js';
import { emptyCounts } from '../../core/index.js';
import { runCommand } from '../../runner/index.js';

export interface ValidateInput {
  spec: ValidationSpec;
  /** Times every command must pass in a row (max of the spec's and the config's). */
  repeat: number;
  worktree: string;
  /** Absolute dir for the validation output of this attempt. */
  outDir: string;
  runDir: string;
  env: Readonly<Record<string, string>>;
  signal: AbortSignal;
  targets: readonly string[];
}

/**
 * Runs a task's validation commands in its worktree, `repeat` times, stopping at the first
 * failure. Every command must exit 0: a targeted re-run that selects nothing, crashes or times
 * out is a failure, never a pass.
 */
export async function validateAttempt(v: ValidateInput): Promise<ValidationResult> {
  const artifacts: { path: string }[] = [];
  if (v.spec.commands.length === 0) {
    return { ok: false, exitCode: null, summary: emptyCounts(), delta: { fixed: [], broken: [] }, reason: 'the task has no validation commands, so no fix can be proven', artifacts };
  }
  let last: number | null = null;
  for (let round = 1; round <= v.repeat; round++) {
    for (const [i, cmd] of v.spec.commands.entries()) {
      const base = path.join(v.outDir, `run-${round}-cmd-${i + 1}`);
      const res = await runCommand({
        argv: cmd.argv,
        cwd: path.resolve(v.worktree, cmd.cwd ?? '.'),
        env: { ...v.env, ...cmd.env },
        stdoutPath: `${base}.stdout`,
        stderrPath: `${base}.stderr`,
        timeoutMs: cmd.timeoutMs,
        signal: v.signal,
        label: 'validation',
      });
      artifacts.push({ path: path.relative(v.runDir, `${base}.stdout`) }, { path: path.relative(v.runDir, `${base}.stderr`) });
      last = res.exitCode;
      if (res.exitCode !== 0) {
        const why = res.failedToStart ? `could not start: ${res.error}` : res.timedOut ? 'timed out' : res.signal ? `killed by ${res.signal}` : `exited ${res.exitCode}`;
        return {
          ok: false, exitCode: res.exitCode, summary: emptyCounts(), delta: { fixed: [], broken: [] }, artifacts,
          reason: `validation run ${round} of ${v.repeat}: \`${cmd.argv.join(' ')}\` ${why}${round > 1 ? ' after passing before — a flaky pass is not a fix' : ''}`,
        };
      }
    }
  }
  return { ok: true, exitCode: last, summary: emptyCounts(), delta: { fixed: [...v.targets], broken: [] }, artifacts };
}
