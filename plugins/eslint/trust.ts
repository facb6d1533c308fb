import { fingerprint } from '../../src/core/index.js';
import type { Category, Finding } from '../../src/core/index.js';
import type { RawArtifact } from '../../src/plugin/contract.js';
import type { ExecResult } from '../../src/runner/types.js';

/** Everything the run verdict looks at. */
export interface TrustInput {
  exec: ExecResult | undefined;
  report: RawArtifact | undefined;
  reportError: string | undefined;
  runStartedAtMs: number;
  stdout: string | undefined;
  stderr: string | undefined;
  filesLinted: number;
  /** Error-level problems in the report (severity 2). */
  errors: number;
  timeoutSec: number;
  artifacts: string[];
}

interface Problem {
  key: string;
  category: Category;
  title: string;
  message: string;
}

const p = (key: string, category: Category, title: string, message: string): Problem => ({ key, category, title, message });

/** The last lines of a process's output, for evidence. */
export function tail(text: string | undefined, lines = 40): string {
  return (text ?? '').replace(/\r\n?/g, '\n').replace(/\s+$/, '').split('\n').slice(-lines).join('\n');
}

/** eslint's crash output starts with `Oops! Something went wrong!`; the useful line follows. */
function crashLine(stderr: string | undefined): string {
  const lines = (stderr ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => !/^Oops!|^ESLint: \d/.test(l)) ?? 'no output';
}

function processProblem(i: TrustInput): Problem | undefined {
  const e = i.exec;
  if (!e) return p('no-exec', 'tool', 'eslint did not run', 'the eslint plugin did not start eslint');
  if (e.failedToStart) return p('start', 'tool', 'eslint could not be started', `could not start ${e.argv[0]}: ${e.error ?? 'unknown error'}; install eslint in the repo (npm ci) or set plugins.eslint.command`);
  if (e.timedOut) return p('timeout', 'timeout', 'eslint timed out', `eslint did not finish within ${i.timeoutSec}s and was killed: raise plugins.eslint.timeoutSec or lint fewer paths (plugins.eslint.paths)`);
  if (e.aborted) return p('aborted', 'tool', 'eslint was cancelled', 'the run was cancelled while eslint was running');
  if (e.signal) return p(`signal-${e.signal}`, 'crash', `eslint was killed by ${e.signal}`, `eslint was killed by ${e.signal} (out of memory?)`);
  // Exit 2: a config or plugin error, a bad option, or no file matched — whatever the report says.
  if (e.exitCode === 2) return p('exit-2', 'crash', 'eslint failed', `eslint failed (exit 2): ${crashLine(i.stderr)} — fix the eslint config or plugins.eslint.paths/args`);
  if (e.exitCode !== 0 && e.exitCode !== 1) return p(`exit-${e.exitCode}`, 'crash', `eslint exited with code ${e.exitCode}`, `eslint exited with unexpected code ${e.exitCode}: see the end of its output`);
  return undefined;
}

function reportProblem(i: TrustInput): Problem | undefined {
  const r = i.report;
  if (!r?.exists) {
    const why = /npm (?:ERR|error)|could not determine executable|canceled due to missing packages/i.test(i.stderr ?? '') ? 'eslint is not installed in the repo (run npm ci, or set plugins.eslint.command)' : `it stopped before writing it: ${crashLine(i.stderr)}`;
    return p('no-report', 'tool', 'eslint wrote no JSON report', `eslint wrote no JSON report: ${why}`);
  }
  // 2 s of slack for filesystems with coarse mtimes; the report path is inside this run's new dir.
  if (r.mtimeMs < i.runStartedAtMs - 2000) return p('stale-report', 'tool', 'the eslint report is stale', `the report ${r.path} is older than this run: it was not written by this eslint run and is not trusted`);
  if (i.reportError) return p('bad-report', 'tool', 'the eslint report is unreadable', `the eslint report could not be read: ${i.reportError}`);
  if (i.filesLinted === 0) return p('no-files', 'tool', 'eslint linted no files', 'eslint linted no files: check plugins.eslint.paths and the files/ignores of the eslint config');
  if (i.exec?.exitCode === 1 && i.errors === 0) return p('exit-1-no-error', 'tool', 'eslint failed without an error', 'eslint exited 1 but its report shows no error-level problem: a --max-warnings limit in plugins.eslint.args was exceeded, or eslint misreported — see its output');
  return undefined;
}

/** Findings about the run itself: crashed, no or a stale report, nothing linted. Empty = trustworthy. */
export function judgeRun(i: TrustInput): Finding[] {
  const problem = processProblem(i) ?? reportProblem(i);
  if (!problem) return [];
  const excerpt = [tail(i.stderr), tail(i.stdout)].filter(Boolean).join('\n--- stdout ---\n');
  return [{
    tool: 'eslint', kind: 'tool_error', severity: 'blocker', category: problem.category, scope: {},
    fingerprint: fingerprint(['eslint', 'tool_error', problem.key]),
    title: problem.title, message: problem.message,
    evidence: { excerpt, sourceFiles: [], details: { runProblem: problem.key } },
    artifacts: i.artifacts.map((path) => ({ path })),
  }];
}
