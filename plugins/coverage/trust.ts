import type { RawArtifact } from '../../src/plugin/contract.js';
import type { ExecResult } from '../../src/runner/types.js';
import type { RunProblem } from './findings.js';
import type { CoverageTestsRecord } from './tests-record.js';

/** Everything the trust verdict of a coverage run looks at. */
export interface CoverageTrustInput {
  /** The suite run; undefined when a configured report was read instead. */
  suite: ExecResult | undefined;
  reportMode: boolean;
  report: RawArtifact | undefined;
  reportError: string | undefined;
  runStartedAtMs: number;
  stderr: string;
  jsonStderr: string;
  tests: CoverageTestsRecord | undefined;
  timeoutSec: number;
  python: string;
}

type Problem = Omit<RunProblem, 'excerpt'>;

const tool = (key: string, title: string, message: string): Problem => ({ key, kind: 'tool_error', title, message });

/** The last `n` non-blank lines of a text. */
export function tail(text: string | undefined, n: number): string {
  return (text ?? '').split('\n').filter((l) => l.trim()).slice(-n).join('\n');
}

function missingTool(input: CoverageTrustInput): Problem | undefined {
  const err = input.stderr;
  const set = `set plugins.coverage.python to an interpreter that has it, or install it there`;
  if (/No module named coverage\b/.test(err)) return tool('no-coverage', 'coverage.py is not installed', `${input.python} has no coverage.py (No module named coverage): ${set} (pip install coverage)`);
  if (/No module named pytest\b/.test(err)) return tool('no-pytest', 'pytest is not installed', `${input.python} has no pytest (No module named pytest): ${set}`);
  if (/unrecognized arguments: .*--cov/.test(err)) return tool('no-pytest-cov', 'pytest-cov is not installed', `pytest does not know --cov: install pytest-cov for ${input.python}, or set plugins.coverage.runner to coverage-run`);
  return undefined;
}

function suiteProblem(input: CoverageTrustInput): Problem | undefined {
  const e = input.suite;
  if (!e) return tool('no-exec', 'the suite did not run', 'the coverage plugin did not start the suite');
  if (e.failedToStart) return tool('start', 'the suite could not be started', `could not start ${e.argv[0]}: ${e.error ?? 'unknown error'}; set plugins.coverage.python to an interpreter with pytest and coverage.py installed`);
  if (e.timedOut) return tool('timeout', 'the suite under coverage timed out', `the suite did not finish within ${input.timeoutSec}s under coverage and was killed: raise plugins.coverage.timeoutSec (coverage slows a suite down) or find the hanging test`);
  if (e.aborted) return tool('aborted', 'the coverage run was cancelled', 'the run was cancelled while the suite was running under coverage');
  if (e.signal) return tool(`signal-${e.signal}`, `the suite was killed by ${e.signal}`, `the suite under coverage was killed by ${e.signal} (out of memory, or a test killed its own process)`);
  const missing = missingTool(input);
  if (missing) return missing;
  switch (e.exitCode) {
    case 0: case 1: return undefined;
    case 2: return tool('exit-2', 'the suite was interrupted', 'pytest was interrupted (exit 2; collection errors or Ctrl-C): coverage of a partial suite is not measured, fix the pytest findings first');
    case 3: return tool('exit-3', 'pytest hit an internal error', 'pytest hit an internal error (exit 3) under coverage: see INTERNALERROR in raw/coverage/suite.stdout');
    case 4: return tool('exit-4', 'pytest rejected its command line', `pytest usage error (exit 4) under coverage: ${tail(input.stderr, 1)}; fix plugins.coverage.args`);
    case 5: return tool('exit-5', 'the suite collected no tests', 'pytest collected no tests (exit 5): check plugins.coverage.testPaths and args');
    default: return tool(`exit-${e.exitCode}`, `the suite exited with code ${e.exitCode}`, `the suite under coverage exited with unexpected code ${e.exitCode}: a test or plugin probably called sys.exit or os._exit`);
  }
}

function reportProblem(input: CoverageTrustInput): Problem | undefined {
  const r = input.report;
  if (!r?.exists) {
    if (input.reportMode) return tool('no-report', 'the configured coverage report does not exist', 'plugins.coverage.report.path names no file: produce the report before the run or fix the path');
    const why = /No data to report/i.test(input.jsonStderr)
      ? 'coverage measured no file: check plugins.coverage.source (directories or packages the tests import)'
      : `\`coverage json\` wrote no report: ${tail(input.jsonStderr, 1) || 'the suite left no coverage data file'}`;
    return tool('no-report', 'no coverage report', why);
  }
  if (!input.reportMode && r.mtimeMs < input.runStartedAtMs - 2000) return tool('stale-report', 'the coverage report is stale', `${r.path} is older than this run: it was not written by it and is not trusted`);
  if (input.reportError) return tool('bad-report', 'the coverage report is unreadable', `the coverage report could not be read: ${input.reportError}`);
  if (input.tests && input.tests.tests.length === 0) return tool('no-tests', 'the suite ran no test', 'the suite under coverage ran no test: coverage of nothing is not a measurement; check plugins.coverage.testPaths and args');
  return undefined;
}

/** The problems that make this coverage run untrustworthy (at most one: the first cause). */
export function judgeCoverageRun(input: CoverageTrustInput): RunProblem[] {
  const found = input.reportMode ? reportProblem(input) : (suiteProblem(input) ?? reportProblem(input));
  if (!found) return [];
  return [{ ...found, excerpt: [tail(input.stderr, 30), tail(input.jsonStderr, 5)].filter(Boolean).join('\n') }];
}
