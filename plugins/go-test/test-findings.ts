import type { ArtifactRef, Finding } from '../../src/core/index.js';
import type { GoPackageRun, GoTest } from './fold.js';
import type { FindingParts } from './finding-parts.js';
import { goFinding } from './finding-parts.js';
import type { Locator } from './locate.js';
import { goNodeId } from './node-ids.js';
import type { OutputDetail } from './test-output.js';
import { readOutput, tailLines, testInTrace } from './test-output.js';

export interface FindingContext {
  locate: Locator;
  artifacts: ArtifactRef[];
  roots: string[];
}

type Verdict = Pick<FindingParts, 'kind' | 'category' | 'severity'> & { message: string; what: string };

function verdict(t: GoTest, d: OutputDetail): Verdict {
  if (d.timeout) return { kind: 'test_error', category: 'timeout', severity: 'medium', what: 'timed out', message: `test timed out after ${d.timeout} (go test -timeout): it hangs or is too slow` };
  if (d.panic) return { kind: 'test_error', category: 'crash', severity: 'high', what: 'panics', message: `panic: ${d.panic}` };
  if (!t.outcome) return { kind: 'test_error', category: 'crash', severity: 'high', what: 'never finished', message: 'the test started and never finished: its test binary exited (os.Exit, log.Fatal or a crash in another goroutine)' };
  if (d.log) return { kind: 'test_failure', category: 'assertion', severity: 'high', what: 'fails', message: d.log.message || 'failed' };
  return { kind: 'test_failure', category: 'assertion', severity: 'high', what: 'fails', message: 'failed without a message (t.Fail or t.FailNow)' };
}

/** A failing parent whose own output says nothing is explained by its failing subtests. */
function explainedByChildren(t: GoTest, d: OutputDetail, pkg: GoPackageRun): boolean {
  if (d.log || d.panic || d.timeout) return false;
  const prefix = `${t.name}/`;
  return [...pkg.tests.values()].some((c) => c.name.startsWith(prefix) && c.outcome !== 'pass' && c.outcome !== 'skip');
}

/** The package-level output's timeout or panic, when it belongs to this unfinished test. */
function withPackageDetail(t: GoTest, d: OutputDetail, pkg: GoPackageRun, pkgDetail: OutputDetail, leaves: readonly GoTest[]): OutputDetail {
  if (t.outcome || d.timeout || d.panic || !leaves.includes(t)) return d;
  const named = pkgDetail.runningTests.includes(t.name) || testInTrace(pkgDetail.frames, pkg.importPath) === t.name.split('/')[0];
  if (!named && leaves.length !== 1) return d;
  return { ...d, timeout: pkgDetail.timeout, panic: pkgDetail.panic, frames: d.frames.length ? d.frames : pkgDetail.frames };
}

function testFinding(t: GoTest, d: OutputDetail, ctx: FindingContext): Finding {
  const v = verdict(t, d);
  const nodeId = goNodeId(t.pkg, t.name);
  const testFile = ctx.locate.testFile(t.pkg, t.name);
  const logFile = d.log ? ctx.locate.logFile(t.pkg, d.log.file) : undefined;
  const at = v.category === 'assertion' && logFile ? { file: logFile, line: d.log!.line } : (ctx.locate.repoFrame(d.frames) ?? (logFile ? { file: logFile, line: d.log!.line } : undefined));
  const traceFiles = d.frames.flatMap((f) => (f.path.startsWith('/') || /^[A-Za-z]:/.test(f.path) ? [ctx.locate.repoPath(f.path)] : [])).filter((f): f is string => !!f);
  const info = ctx.locate.info(t.pkg);
  return goFinding({
    ...v,
    key: nodeId,
    scope: { file: at?.file ?? testFile ?? info?.dir, nodeId, symbol: t.name, ...(at ? { line: at.line } : {}) },
    title: `${t.name} ${v.what}: ${v.message.split('\n')[0]}`,
    excerpt: tailLines(t.output, 60),
    sourceFiles: [...traceFiles, ...(info?.sourceFiles ?? [])],
    details: { package: t.pkg, ...(testFile ? { testFile } : {}) },
    artifacts: ctx.artifacts,
    roots: ctx.roots,
  });
}

/** Findings for the failing tests of one package: one per failing leaf (or a parent with its own error). */
export function packageTestFindings(pkg: GoPackageRun, ctx: FindingContext): Finding[] {
  const pkgDetail = readOutput(pkg.output);
  const failing = [...pkg.tests.values()].filter((t) => t.outcome === 'fail' || t.outcome === undefined);
  // The innermost unfinished tests: the ones that were running when the binary died.
  const leaves = failing.filter((t) => !t.outcome && ![...pkg.tests.values()].some((c) => c.name.startsWith(`${t.name}/`) && !c.outcome));
  return failing.flatMap((t) => {
    const d = withPackageDetail(t, readOutput(t.output), pkg, pkgDetail, leaves);
    return explainedByChildren(t, d, pkg) ? [] : [testFinding(t, d, ctx)];
  });
}

/** A package that failed with no failing test to blame: TestMain's exit code, a panic in init. */
export function packageFailureFinding(pkg: GoPackageRun, ctx: FindingContext): Finding {
  const d = readOutput(pkg.output);
  const inTest = testInTrace(d.frames, pkg.importPath);
  const at = ctx.locate.repoFrame(d.frames);
  const info = ctx.locate.info(pkg.importPath);
  const message = d.panic
    ? `panic outside a test${inTest ? ` (in a goroutine of ${inTest})` : ''}: ${d.panic}`
    : 'the package failed although none of its tests did: TestMain or an init function exited non-zero, or a test called os.Exit';
  return goFinding({
    kind: 'test_error',
    category: 'crash',
    severity: 'high',
    key: `${pkg.importPath}::<package>`,
    scope: { file: at?.file ?? info?.testFiles[0] ?? info?.dir, nodeId: inTest ? goNodeId(pkg.importPath, inTest) : pkg.importPath, ...(at ? { line: at.line } : {}) },
    title: `package ${pkg.importPath} fails: ${message.split('\n')[0]}`,
    message,
    excerpt: tailLines(pkg.output, 60),
    sourceFiles: info?.sourceFiles ?? [],
    details: { package: pkg.importPath, packageLevel: true, ...(info?.testFiles[0] ? { testFile: info.testFiles[0] } : {}) },
    artifacts: ctx.artifacts,
    roots: ctx.roots,
  });
}
