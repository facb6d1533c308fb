import type { ExecResult } from '../../src/runner/types.js';
import type { RawArtifact } from '../../src/plugin/contract.js';
import { processFailure, stdoutProblem } from '../_lib/launch-problem.js';
import { causeLine as lastCause } from '../_lib/output-tail.js';
import type { RunProblem } from '../_lib/run-problem.js';
import type { Flake8Violation } from './output.js';

/** flake8's own words: an argparse `flake8: error:` line, else the last line (a traceback's exception). */
export function causeLine(text: string | undefined): string {
  return lastCause(text, /^flake8: error:/);
}

/** Start failures, timeouts and signals. */
export function processProblem(exec: ExecResult | undefined, timeoutSec: number): RunProblem | undefined {
  return processFailure('flake8', exec, timeoutSec, {
    start: 'install flake8 (Debian/Ubuntu: apt-get install flake8) or set plugins.flake8.python (an interpreter with flake8) or plugins.flake8.command in .github/atqos.yml',
    timeout: 'raise plugins.flake8.timeoutSec or narrow plugins.flake8.paths',
  });
}

/** stdout is the report: missing or older than the run means it is not this run's. */
export function reportProblem(stdout: RawArtifact | undefined, runStartedAtMs: number): RunProblem | undefined {
  return stdoutProblem('flake8', stdout, runStartedAtMs, { noun: 'output', missing: "flake8's stdout was not recorded, so there is nothing to read" });
}

/** Exit 2 and above: flake8 rejected its command line (argparse) or died. */
export function exitProblem(exitCode: number, stderr: string | undefined): RunProblem {
  const why = causeLine(stderr) || 'no message on stderr';
  return { key: `exit-${exitCode}`, title: 'flake8 failed', message: `flake8 exited ${exitCode} without checking the code: ${why} — fix plugins.flake8.args` };
}

/**
 * Exit 1 with no record: flake8 crashed (a bad config value ends in a traceback and exit 1), or
 * the config's `quiet` / a `--format` in args replaced the records.
 */
export function unreadProblem(stderr: string | undefined, unparsed: readonly string[]): RunProblem {
  const why = causeLine(stderr) || `first line of its output: ${unparsed[0] ?? 'none'}`;
  return {
    key: 'exit-1-unread',
    title: 'flake8 failed without a readable violation',
    message: `flake8 exited 1 but printed no violation ATQOS can read (${why}); a broken value in the flake8 config, \`quiet\` in it, or a --format/-q in plugins.flake8.args does this`,
  };
}

/** E902: flake8 could not read a path it was given (missing, unreadable): the run did not check it. */
export function unreadablePathProblem(errors: readonly Flake8Violation[]): RunProblem {
  const list = errors.map((e) => `${e.path}: ${e.text}`).join('; ');
  return { key: 'unreadable-path', title: 'flake8 could not read a path', message: `flake8 could not read ${errors.length} path(s) (${list}): check plugins.flake8.paths` };
}
