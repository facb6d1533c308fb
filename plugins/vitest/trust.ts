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
  testsRun: number;
  /** Failed tests plus test files that could not load. */
  failures: number;
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

function processProblem(i: TrustInput): Problem | undefined {
  const e = i.exec;
  if (!e) return p('no-exec', 'tool', 'vitest did not run', 'the vitest plugin did not start vitest');
  if (e.failedToStart) return p('start', 'tool', 'vitest could not be started', `could not start ${e.argv[0]}: ${e.error ?? 'unknown error'}; install vitest in the repo (npm ci) or set plugins.vitest.command`);
  if (e.timedOut) return p('timeout', 'timeout', 'vitest timed out', `vitest did not finish within ${i.timeoutSec}s and was killed: raise plugins.vitest.timeoutSec or find the hanging test`);
  if (e.aborted) return p('aborted', 'tool', 'vitest was cancelled', 'the run was cancelled while vitest was running');
  if (e.signal) return p(`signal-${e.signal}`, 'crash', `vitest was killed by ${e.signal}`, `vitest was killed by ${e.signal} (out of memory, or a test killed its own process)`);
  if (e.exitCode === 0 || e.exitCode === 1) return undefined;
  return p(`exit-${e.exitCode}`, 'crash', `vitest exited with code ${e.exitCode}`, `vitest exited with unexpected code ${e.exitCode}: a test or the config called process.exit — see the end of its output`);
}

function reportProblem(i: TrustInput): Problem | undefined {
  const r = i.report;
  if (!r?.exists) {
    const why = /npm (?:ERR|error)|could not determine executable|canceled due to missing packages/i.test(i.stderr ?? '') ? 'vitest is not installed in the repo (run npm ci, or set plugins.vitest.command)' : 'its config failed to load or it crashed before reporting — see the end of its output';
    return p('no-report', 'tool', 'vitest wrote no JSON report', `vitest wrote no JSON report: ${why}`);
  }
  // 2 s of slack for filesystems with coarse mtimes; the report path is inside this run's new dir.
  if (r.mtimeMs < i.runStartedAtMs - 2000) return p('stale-report', 'tool', 'the vitest report is stale', `the report ${r.path} is older than this run: it was not written by this vitest run and is not trusted`);
  if (i.reportError) return p('bad-report', 'tool', 'the vitest report is unreadable', `the vitest report could not be read: ${i.reportError}`);
  if (i.testsRun === 0 && i.failures === 0) return p('no-tests', 'tool', 'vitest ran no tests', 'vitest ran no tests: check plugins.vitest.testPaths/args and the include patterns of the vitest config');
  if (i.exec?.exitCode === 1 && i.failures === 0) return p('exit-1-no-failure', 'crash', 'vitest failed without a failing test', `vitest exited 1 but its report shows no failing test: an unhandled error, a coverage threshold or a config check failed the run — see the end of its output: ${tail(i.stderr || i.stdout, 1)}`);
  return undefined;
}

/** Findings about the run itself: crashed, timed out, no or a stale report, nothing ran. Empty = trustworthy. */
export function judgeRun(i: TrustInput): Finding[] {
  const problem = processProblem(i) ?? reportProblem(i);
  if (!problem) return [];
  const excerpt = [tail(i.stderr), tail(i.stdout)].filter(Boolean).join('\n--- stdout ---\n');
  return [{
    tool: 'vitest', kind: 'tool_error', severity: 'blocker', category: problem.category, scope: {},
    fingerprint: fingerprint(['vitest', 'tool_error', problem.key]),
    title: problem.title, message: problem.message,
    evidence: { excerpt, sourceFiles: [], details: { runProblem: problem.key } },
    artifacts: i.artifacts.map((path) => ({ path })),
  }];
}
