import type { NormalizeInput, NormalizeOutput } from '../../src/plugin/contract.js';
import type { Finding, TestCounts } from '../../src/core/index.js';
import { parseOptions } from './schema.js';
import { parseMypyOutput } from './output.js';
import type { MypyOutput } from './output.js';
import { errorFindings } from './findings.js';
import { exitProblem, processProblem, reportProblem } from './run-problem.js';
import { untrustedRun } from '../_lib/run-problem.js';

/**
 * Every checked file is one check: failed when mypy reported an error in it. Without mypy's
 * summary line (a `--no-error-summary` in args), the run counts as one check.
 */
function countsOf(parsed: MypyOutput, findings: Finding[], durationMs: number): TestCounts {
  const failedFiles = new Set(findings.map((f) => f.scope.file)).size;
  const total = parsed.summary ? Math.max(parsed.summary.checked, failedFiles) : 1;
  const failed = parsed.summary ? failedFiles : Math.min(1, failedFiles);
  return { total, passed: total - failed, failed, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, durationMs };
}

/** mypy's text output (or JSON lines of mypy ≥ 1.11) → `type_error` findings. Pure. */
export function normalize(input: NormalizeInput): NormalizeOutput {
  const options = parseOptions(input.options);
  const roots = [input.runDir, input.repoDir];
  const stdoutArtifact = input.collect.artifacts.find((a) => a.name === 'output');
  const stdout = input.read('output');
  const stderr = input.read('stderr');
  const untrusted = untrustedRun('mypy', input, 'output');
  const exec = input.collect.exec;
  const early = processProblem(exec, options.timeoutSec) ?? reportProblem(stdoutArtifact, input.runStartedAtMs);
  if (early) return untrusted(early);
  const parsed = parseMypyOutput(stdout ?? '');
  const { findings, notes } = errorFindings(parsed.errors, input.repoDir, stdoutArtifact?.path ?? 'raw/mypy/mypy.stdout', roots);
  const code = exec!.exitCode!;
  if (code === 2 && parsed.errors.length > 0) {
    // A blocking error (a syntax error, a duplicate module) stops mypy: the rest went unchecked.
    return { findings, tests: [], counts: undefined, trustworthy: false, notes: [...notes, 'mypy stopped at a blocking error (exit 2): files after it were not checked; fix it and rerun'] };
  }
  if (code !== 0 && code !== 1) return untrusted(exitProblem(code, stderr, stdout), notes);
  if (code === 1 && parsed.errors.length === 0) {
    return untrusted({ key: 'exit-1-unread', title: 'mypy output could not be read', message: `mypy exited 1 but no error line could be read from its output (first unread line: ${parsed.unparsed[0] ?? 'none'}); something in plugins.mypy.args may have changed its output format` }, notes);
  }
  if (parsed.summary?.checked === 0) return untrusted({ key: 'no-files', title: 'mypy checked no files', message: 'mypy checked no source files: check plugins.mypy.paths and the exclude setting of the mypy config' }, notes);
  const unread = parsed.unparsed.length ? [`mypy: ${parsed.unparsed.length} output line(s) were not errors, notes or the summary; see raw/mypy/mypy.stdout`] : [];
  return { findings, tests: [], counts: countsOf(parsed, findings, exec!.durationMs), trustworthy: true, notes: [...notes, ...unread] };
}
