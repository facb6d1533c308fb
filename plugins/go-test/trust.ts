import type { ArtifactRef, Category, Finding, FindingKind } from '../../src/core/index.js';
import type { ExecResult } from '../../src/runner/types.js';
import { goFinding } from './finding-parts.js';

/** Everything the run-level verdict looks at. */
export interface TrustInput {
  exec: ExecResult | undefined;
  stderr: string;
  /** The stream ends mid-line, or has lines that start like events and are not. */
  cut: boolean;
  /** Packages with events but no final pass/fail/skip. */
  unfinishedPackages: string[];
  /** Packages `go list` found with tests that the stream never mentions. */
  missingPackages: string[];
  /** Packages with a final result, and packages that failed to build. */
  finishedPackages: number;
  failedPackages: number;
  timeoutSec: number;
  artifacts: ArtifactRef[];
  roots: string[];
}

interface Problem {
  kind: FindingKind;
  category: Category;
  key: string;
  title: string;
  message: string;
}

const tool = (key: string, category: Category, title: string, message: string): Problem => ({ kind: 'tool_error', category, key, title, message });

const MODULE_PROBLEM = /cannot find module providing package|no required module provides package|missing go\.sum entry|module lookup disabled|updates to go\.mod needed|go\.mod file not found|inconsistent vendoring/;

function firstLine(stderr: string): string {
  return stderr.split('\n').map((l) => l.trim()).find((l) => l && !/^go: (?:finding|downloading) /.test(l)) ?? '(no output on stderr)';
}

function processProblem(t: TrustInput): Problem | undefined {
  const e = t.exec;
  if (!e) return tool('no-exec', 'tool', 'go test did not run', 'the go-test plugin did not start go test');
  if (e.failedToStart) {
    return tool('start', 'tool', 'go could not be started', `could not start ${e.argv[0]}: ${e.error ?? 'unknown error'}; install Go or set plugins.go-test.command to the go executable`);
  }
  if (e.timedOut) return tool('timeout', 'timeout', 'go test timed out', `go test did not finish within ${t.timeoutSec}s and was killed: raise plugins.go-test.timeoutSec, or lower plugins.go-test.testTimeout so go names the hanging test`);
  if (e.aborted) return tool('aborted', 'tool', 'go test was cancelled', 'the run was cancelled while go test was running');
  if (e.signal) return tool(`signal-${e.signal}`, 'crash', `go test was killed by ${e.signal}`, `go test was killed by ${e.signal} (out of memory, or a test killed its process group)`);
  if (e.exitCode === null) return tool('no-exit', 'crash', 'go test ended without an exit code', 'go test ended without an exit code');
  if (e.stdoutTruncated > 0) return tool('capped', 'tool', 'go test output was cut', `go test wrote more than the output cap (${e.stdoutTruncated} bytes dropped): results are incomplete; raise runs.maxOutputBytes or narrow plugins.go-test.packages`);
  return undefined;
}

function streamProblem(t: TrustInput): Problem | undefined {
  if (t.cut || t.unfinishedPackages.length) {
    const which = t.unfinishedPackages.length ? ` (no result for ${t.unfinishedPackages.slice(0, 5).join(', ')})` : '';
    return tool('stream-cut', 'tool', 'the go test -json stream is incomplete', `the go test -json stream is cut or corrupt${which}: its results are not trusted`);
  }
  const code = t.exec?.exitCode;
  if (t.finishedPackages === 0 && t.failedPackages === 0) {
    const line = firstLine(t.stderr);
    if (MODULE_PROBLEM.test(t.stderr)) {
      return { kind: 'env_error', category: 'environment', key: 'modules', title: 'go could not load the module',
        message: `go test could not load the packages: ${line}. Dependencies must be in the module cache or vendored (ATQOS runs go with GOPROXY=off; set plugins.go-test.env.GOPROXY to allow downloads)` };
    }
    return tool('no-packages', 'tool', 'go test ran no package', `go test ran no package (exit ${code}): ${line} — check plugins.go-test.packages and args`);
  }
  if (code !== 0 && t.failedPackages === 0) return tool(`exit-${code}`, 'tool', `go test exited ${code} with no failing package`, `go test exited ${code} but no package failed: ${firstLine(t.stderr)}`);
  if (code === 0 && t.failedPackages > 0) return tool('exit-0-with-failures', 'tool', 'go test passed with failing packages', 'go test exited 0 although its stream reports failing packages: the stream is not trusted');
  if (t.missingPackages.length) {
    return tool('missing-packages', 'tool', 'go test skipped packages', `go test reported nothing for ${t.missingPackages.length} package(s) with tests: ${t.missingPackages.slice(0, 5).join(', ')}`);
  }
  return undefined;
}

/** The problems that make this run untrustworthy (the first cause only); empty means trusted. */
export function judgeRun(t: TrustInput): Finding[] {
  const p = processProblem(t) ?? streamProblem(t);
  if (!p) return [];
  const excerpt = t.stderr.replace(/\s+$/, '').split('\n').slice(-40).join('\n');
  return [goFinding({ ...p, severity: 'blocker', scope: {}, key: `<run>::${p.key}`, excerpt, details: { runProblem: p.key }, artifacts: t.artifacts, roots: t.roots })];
}
