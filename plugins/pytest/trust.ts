import type { ExecResult } from '../../src/runner/types.js';
import type { RawArtifact } from '../../src/plugin/contract.js';
import type { Category } from '../../src/core/index.js';
import type { RunProblem } from './tool-findings.js';
import { tail } from './tool-findings.js';
import { classifyFailure } from './classify.js';

/** Everything the trust verdict looks at. */
export interface TrustInput {
  exec: ExecResult | undefined;
  junit: RawArtifact | undefined;
  junitError: string | undefined;
  runStartedAtMs: number;
  stdout: string | undefined;
  stderr: string | undefined;
  testsRun: number;
  /** Problems (failed or errored phases) the report and inventory show, collection errors included. */
  problems: number;
  collectionErrors: number;
  timeoutSec: number;
  artifacts: string[];
  roots: string[];
}

type Problem = Omit<RunProblem, 'excerpt' | 'artifacts' | 'roots'>;

const tool = (key: string, category: Category, title: string, message: string): Problem => ({ kind: 'tool_error', category, key, title, message });

/** argparse's `prog: error: …` line names the bad option; `ERROR: usage:` only repeats the synopsis. */
function firstErrorLine(text: string): string | undefined {
  const lines = text.split('\n').map((l) => l.trim());
  return lines.find((l) => /^\S+: error: /.test(l)) ?? lines.find((l) => /^ERROR: (?!usage:)/.test(l)) ?? lines.find((l) => /^ERROR:/.test(l));
}

function exitProblem(code: number, input: TrustInput): Problem | undefined {
  const out = `${input.stderr ?? ''}\n${input.stdout ?? ''}`;
  switch (code) {
    case 0: return undefined;
    case 1:
      // No report at all is explained better by the missing-report check (e.g. an unknown -p plugin).
      if (input.problems > 0 || !input.junit?.exists) return undefined;
      // pytest-cov's --cov-fail-under, or a plugin setting session.exitstatus: failing, but no test did.
      return tool('exit-1-no-failure', 'tool', 'pytest failed without a failing test', `pytest exited 1 but its report shows no failing test: a plugin failed the session (for example a coverage threshold such as --cov-fail-under) — see the end of its output: ${tail(out, 1)}`);
    case 2:
      if (input.collectionErrors > 0) return undefined;
      return tool('exit-2', 'crash', 'pytest was interrupted', 'pytest was interrupted (exit 2) before the suite finished: see the end of its output');
    case 3:
      return tool('exit-3', 'crash', 'pytest hit an internal error', 'pytest hit an internal error (exit 3), usually in a plugin or conftest hook: see INTERNALERROR in its output');
    case 4: {
      const line = firstErrorLine(out) ?? 'pytest rejected its command line or configuration';
      const c = classifyFailure({ message: line, traceback: out, repoModules: new Set(), inRepo: () => false });
      return {
        kind: 'env_error', category: 'environment', key: 'exit-4', title: 'pytest could not start the session',
        message: `pytest usage error (exit 4): ${line}. ${c.environment ? c.reason + '; ' : ''}fix plugins.pytest.args/command or install the missing plugin`,
      };
    }
    case 5:
      return tool('exit-5', 'tool', 'pytest collected no tests', 'pytest collected no tests (exit 5): check plugins.pytest.testPaths and the testpaths/python_files settings of the repo');
    default:
      return tool(`exit-${code}`, 'crash', `pytest exited with code ${code}`, `pytest exited with unexpected code ${code}: a test or plugin probably called sys.exit or os._exit`);
  }
}

function processProblem(input: TrustInput): Problem | undefined {
  const e = input.exec;
  if (!e) return tool('no-exec', 'tool', 'pytest did not run', 'the pytest plugin did not start pytest');
  if (e.failedToStart) {
    // ATQOS's own configuration names the interpreter, so this is a tool problem, not the project's.
    return { kind: 'tool_error', category: 'tool', key: 'start', title: 'pytest could not be started',
      message: `could not start ${e.argv[0]}: ${e.error ?? 'unknown error'}; set plugins.pytest.python (or plugins.pytest.command) to an interpreter with pytest installed` };
  }
  if (e.timedOut) return tool('timeout', 'timeout', 'pytest timed out', `pytest did not finish within ${input.timeoutSec}s and was killed: raise plugins.pytest.timeoutSec or find the hanging test (the last lines of its output show where it was)`);
  if (e.aborted) return tool('aborted', 'tool', 'pytest was cancelled', 'the run was cancelled while pytest was running');
  if (e.signal) return tool(`signal-${e.signal}`, 'crash', `pytest was killed by ${e.signal}`, `pytest was killed by ${e.signal} (out of memory, or a test killed its own process)`);
  if (e.exitCode === null) return tool('no-exit', 'crash', 'pytest ended without an exit code', 'pytest ended without an exit code');
  return exitProblem(e.exitCode, input);
}

function missingReport(input: TrustInput): Problem {
  const err = input.stderr ?? '';
  const c = classifyFailure({ message: tail(err, 1), traceback: err, repoModules: new Set(), inRepo: () => false });
  if (c.environment) {
    return { kind: 'env_error', category: 'environment', key: 'no-junit-env', title: 'pytest could not start the session',
      message: `pytest stopped before running tests: ${tail(err, 1)} (${c.reason}); install it or remove it from plugins.pytest.args or the repo's pytest addopts` };
  }
  return tool('no-junit', 'tool', 'pytest wrote no JUnit report', 'pytest wrote no JUnit report: it crashed before finishing, or a plugin or argument replaced --junitxml');
}

function reportProblem(input: TrustInput): Problem | undefined {
  const j = input.junit;
  if (!j?.exists) return missingReport(input);
  // 2 s of slack for filesystems with coarse mtimes; the report path is inside this run's new dir.
  if (j.mtimeMs < input.runStartedAtMs - 2000) return tool('stale-junit', 'tool', 'the JUnit report is stale', `the JUnit report ${j.path} is older than this run: it was not written by this pytest run and is not trusted`);
  if (input.junitError) return tool('bad-junit', 'tool', 'the JUnit report is unreadable', `the JUnit report could not be read: ${input.junitError}`);
  if (input.testsRun === 0 && input.collectionErrors === 0) return tool('no-tests', 'tool', 'pytest ran no tests', 'pytest ran no tests: check plugins.pytest.testPaths, -k/-m filters in plugins.pytest.args, and the repo\'s testpaths');
  return undefined;
}

/**
 * The run-level verdict: the problems that make this pytest run untrustworthy. An empty list
 * means the results can be trusted (green if nothing failed).
 */
export function judgeRun(input: TrustInput): RunProblem[] {
  const found = [processProblem(input), reportProblem(input)].filter((p): p is Problem => p !== undefined);
  // A crash explains the missing report: one finding, the first cause, says it.
  const problems = found.slice(0, 1);
  const excerpt = [tail(input.stderr, 40), tail(input.stdout, 40)].filter(Boolean).join('\n--- stdout ---\n');
  return problems.map((p) => ({ ...p, excerpt, artifacts: input.artifacts, roots: input.roots }));
}
