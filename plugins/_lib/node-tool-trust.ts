import type { Finding } from '../../src/core/index.js';
import type { RawArtifact } from '../../src/plugin/contract.js';
import type { ExecResult } from '../../src/runner/types.js';
import { launchProblem } from './launch-problem.js';
import type { LaunchHints } from './launch-problem.js';
import { outputExcerpt, tailLf } from './output-tail.js';
import { runProblemFinding } from './run-problem.js';
import type { RunProblem } from './run-problem.js';

/** What the verdict on a node tool's run (one process, one JSON report file) looks at. */
export interface NodeRunInput {
  exec: ExecResult | undefined;
  report: RawArtifact | undefined;
  reportError: string | undefined;
  runStartedAtMs: number;
  stdout: string | undefined;
  stderr: string | undefined;
  timeoutSec: number;
  artifacts: string[];
}

/** npm's words when the tool is not installed in the repo (`npx --no-install`, `npm exec`). */
const NOT_INSTALLED = /npm (?:ERR|error)|could not determine executable|canceled due to missing packages/i;

/** A node tool that never got going; a timeout is its own category, the rest are `tool`. */
export function nodeLaunchProblem(tool: string, exec: ExecResult | undefined, timeoutSec: number, hints: LaunchHints): RunProblem | undefined {
  const p = launchProblem(tool, exec, timeoutSec, hints);
  return p && { ...p, category: p.key === 'timeout' ? 'timeout' : 'tool' };
}

/** Killed by a signal: a crash, keyed by the signal; `cause` guesses why. */
export function signalProblem(tool: string, signal: string, cause: string): RunProblem {
  return { key: `signal-${signal}`, category: 'crash', title: `${tool} was killed by ${signal}`, message: `${tool} was killed by ${signal} (${cause})` };
}

/**
 * The tool's JSON report file: missing (`otherwise` says why, unless npm says the tool is not
 * installed), older than the run, or unreadable means the run is not trusted.
 */
export function reportFileProblem(tool: string, i: NodeRunInput, otherwise: string): RunProblem | undefined {
  const report = i.report;
  if (!report?.exists) {
    const why = NOT_INSTALLED.test(i.stderr ?? '') ? `${tool} is not installed in the repo (run npm ci, or set plugins.${tool}.command)` : otherwise;
    return { key: 'no-report', category: 'tool', title: `${tool} wrote no JSON report`, message: `${tool} wrote no JSON report: ${why}` };
  }
  // 2 s of slack for filesystems with coarse mtimes; the report path is inside this run's new dir.
  if (report.mtimeMs < i.runStartedAtMs - 2000) {
    return { key: 'stale-report', category: 'tool', title: `the ${tool} report is stale`, message: `the report ${report.path} is older than this run: it was not written by this ${tool} run and is not trusted` };
  }
  if (i.reportError) return { key: 'bad-report', category: 'tool', title: `the ${tool} report is unreadable`, message: `the ${tool} report could not be read: ${i.reportError}` };
  return undefined;
}

/** The run's verdict as findings: none when trusted, else the problem with the end of both streams. */
export function nodeRunFindings(tool: string, problem: RunProblem | undefined, i: NodeRunInput): Finding[] {
  return problem ? [runProblemFinding(tool, problem, { excerpt: outputExcerpt(i.stderr, i.stdout, 40, tailLf), artifacts: i.artifacts })] : [];
}
