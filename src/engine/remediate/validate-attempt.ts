import fs from 'node:fs';
import path from 'node:path';
import type { ValidationReport, ValidationResult, ValidationRun, ValidationSpec } from '../../core/index.js';
import { emptyCounts } from '../../core/index.js';
import { runCommand } from '../../runner/index.js';
import { countRuns, declaredValidationReport, reportedRuns } from './validation-report.js';
import { checkImpactedTests } from './impacted-tests.js';
import type { ImpactCheckInput } from './impacted-tests.js';

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
  /** The attempt's diff and plugin: once the targets pass, the tests it impacts must not break. */
  impact?: ImpactCheckInput;
}

/**
 * Runs a task's validation commands in its worktree, `repeat` times, stopping at the first
 * failure. Every command must exit 0: a targeted re-run that selects nothing, crashes or times
 * out is a failure, never a pass. Each round is one of the result's `runs`; a command that prints
 * a `ValidationReport` (an add_test check repeating the new tests itself) gives its own runs and
 * details instead, so the coverage gain and the consecutive passes stay with the attempt.
 */
export async function validateAttempt(v: ValidateInput): Promise<ValidationResult> {
  const artifacts: { path: string }[] = [];
  if (v.spec.commands.length === 0) {
    return { ok: false, exitCode: null, summary: emptyCounts(), runs: [], delta: { fixed: [], broken: [] }, reason: 'the task has no validation commands, so no fix can be proven', artifacts };
  }
  let last: number | null = null;
  const rounds: ValidationRun[] = [];
  let report: ValidationReport | undefined;
  const outcome = (): Pick<ValidationResult, 'summary' | 'runs' | 'details'> => {
    // The runs a command made itself are the real repeats (the engine ran it once).
    const runs = report?.runs.length ? reportedRuns(report) : rounds;
    if (!report) return { summary: countRuns(runs), runs };
    const { schema: _schema, runs: _runs, ...details } = report;
    return { summary: countRuns(runs), runs, details };
  };
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
      report = declaredValidationReport(cmd, `${base}.stdout`) ?? report;
      if (res.exitCode !== 0) {
        rounds.push({ run: round, ok: false, exitCode: res.exitCode });
        const why = res.failedToStart ? `could not start: ${res.error}` : res.timedOut ? 'timed out' : res.signal ? `killed by ${res.signal}` : `exited ${res.exitCode}`;
        return {
          ok: false, exitCode: res.exitCode, ...outcome(), delta: { fixed: [], broken: [] }, artifacts,
          reason: `validation run ${round} of ${v.repeat}: \`${cmd.argv.join(' ')}\` ${why}${round > 1 ? ' after passing before — a flaky pass is not a fix' : ''}${report?.verdict ? ` — ${report.verdict}` : ''}`,
        };
      }
    }
    rounds.push({ run: round, ok: true, exitCode: last });
  }
  const passed: ValidationResult = { ok: true, exitCode: last, ...outcome(), delta: { fixed: [...v.targets], broken: [] }, artifacts };
  return v.impact ? withImpactedTests(passed, v, v.impact) : passed;
}

/** Test impact after the targets passed: a previously passing test the change breaks rejects it. */
async function withImpactedTests(passed: ValidationResult, v: ValidateInput, impact: ImpactCheckInput): Promise<ValidationResult> {
  const outDir = path.join(v.outDir, 'impacted');
  const check = await checkImpactedTests(impact, { dir: v.worktree, outDir, runDir: v.runDir, env: v.env, signal: v.signal });
  const report = path.join(outDir, 'impacted-tests.json');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(report, `${JSON.stringify(check, null, 2)}\n`);
  const artifacts = [...passed.artifacts, { path: path.relative(v.runDir, report) }];
  if (!check.ok) return { ...passed, ok: false, delta: { ...passed.delta, broken: check.broken }, reason: `impacted tests: ${check.reason}`, artifacts };
  return { ...passed, reason: `impacted tests: ${check.reason}`, artifacts };
}
