import type { NormalizeInput, NormalizeOutput } from '../../src/plugin/contract.js';
import { parseOptions } from './schema.js';
import { parseRuffReport } from './report.js';
import { violationFindings } from './findings.js';
import { processProblem, reportProblem } from './run-problem.js';
import { untrustedRun } from '../_lib/run-problem.js';

/**
 * ruff's JSON report → `lint_error` findings. A ruff run counts as one check (its JSON does not
 * list the clean files): passed when clean, failed when it found something. Pure.
 */
export function normalize(input: NormalizeInput): NormalizeOutput {
  const options = parseOptions(input.options);
  const roots = [input.runDir, input.repoDir];
  const reportPath = input.collect.artifacts.find((a) => a.name === 'report')?.path ?? 'raw/ruff/ruff.stdout';
  const stdout = input.read('report');
  const stderr = input.read('stderr');
  const untrusted = untrustedRun('ruff', input, 'report');
  const exec = input.collect.exec;
  const early = processProblem(exec, stderr, options.timeoutSec) ?? reportProblem(input.collect.artifacts.find((a) => a.name === 'report'), input.runStartedAtMs);
  if (early) return untrusted(early);
  let parsed;
  try {
    parsed = parseRuffReport(stdout ?? '');
  } catch (err) {
    return untrusted({ key: 'bad-output', title: 'the ruff report is unreadable', message: `ruff's stdout is not its JSON report: ${(err as Error).message}; something in plugins.ruff.args may have changed --output-format` });
  }
  const { findings, notes } = violationFindings(parsed.violations, input.repoDir, reportPath, roots);
  const skipped = parsed.skipped.map((s) => `ruff: skipped an unreadable report ${s}`);
  if (skipped.length) return untrusted({ key: 'bad-records', title: 'the ruff report has unreadable records', message: `${skipped.length} record(s) of the ruff report could not be read, so its findings may be incomplete` }, [...notes, ...skipped], findings);
  if (exec?.exitCode === 1 && parsed.violations.length === 0) {
    return untrusted({ key: 'exit-1-empty', title: 'ruff failed without a violation', message: 'ruff exited 1 but its report lists no violation: see its stderr' }, notes);
  }
  const failed = findings.length > 0 ? 1 : 0;
  return {
    findings, tests: [], notes,
    counts: { total: 1, passed: 1 - failed, failed, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, durationMs: exec?.durationMs ?? 0 },
    trustworthy: true,
  };
}
