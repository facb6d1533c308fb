import type { TestEvent } from './events.js';

export type GoOutcome = 'pass' | 'fail' | 'skip';

/** One test or subtest (`TestX/case`) as the stream reports it. */
export interface GoTest {
  pkg: string;
  name: string;
  /** Undefined when it started and never ended: the binary died (panic, timeout, os.Exit). */
  outcome: GoOutcome | undefined;
  output: string[];
  elapsedMs: number;
}

/** One package's test binary as the stream reports it. */
export interface GoPackageRun {
  importPath: string;
  outcome: GoOutcome | undefined;
  /** Output not attributed to a test: summary lines, TestMain and init prints, panics outside tests. */
  output: string[];
  elapsedMs: number;
  /** go ≥ 1.24: the build (`pkg [pkg.test]`) that failed, from the package's `fail` event. */
  failedBuild?: string;
  tests: Map<string, GoTest>;
}

/** go ≥ 1.24's build events, by the ImportPath they name (`pkg [pkg.test]`). */
export interface BuildOutput {
  importPath: string;
  lines: string[];
  failed: boolean;
}

export interface FoldedStream {
  packages: Map<string, GoPackageRun>;
  builds: Map<string, BuildOutput>;
}

const TERMINAL = new Set<string>(['pass', 'fail', 'skip']);

function pkgOf(state: FoldedStream, importPath: string): GoPackageRun {
  let p = state.packages.get(importPath);
  if (!p) state.packages.set(importPath, (p = { importPath, outcome: undefined, output: [], elapsedMs: 0, tests: new Map() }));
  return p;
}

function testOf(p: GoPackageRun, name: string): GoTest {
  let t = p.tests.get(name);
  if (!t) p.tests.set(name, (t = { pkg: p.importPath, name, outcome: undefined, output: [], elapsedMs: 0 }));
  return t;
}

function foldBuild(state: FoldedStream, e: TestEvent & { ImportPath: string }): void {
  let b = state.builds.get(e.ImportPath);
  if (!b) state.builds.set(e.ImportPath, (b = { importPath: e.ImportPath, lines: [], failed: false }));
  if (e.Action === 'build-output' && e.Output !== undefined) b.lines.push(e.Output);
  if (e.Action === 'build-fail') b.failed = true;
}

/** Folds events into packages and tests, in stream order. Events of unknown shape are ignored. */
export function foldEvents(events: readonly TestEvent[]): FoldedStream {
  const state: FoldedStream = { packages: new Map(), builds: new Map() };
  for (const e of events) {
    if (e.ImportPath !== undefined && e.Package === undefined) {
      foldBuild(state, e as TestEvent & { ImportPath: string });
      continue;
    }
    if (e.Package === undefined) continue;
    const p = pkgOf(state, e.Package);
    const target = e.Test !== undefined ? testOf(p, e.Test) : p;
    if (e.Action === 'output' && e.Output !== undefined) target.output.push(e.Output);
    if (TERMINAL.has(e.Action)) {
      target.outcome = e.Action as GoOutcome;
      target.elapsedMs = Math.round((e.Elapsed ?? 0) * 1000);
    }
    if (e.Test === undefined && e.FailedBuild) p.failedBuild = e.FailedBuild;
  }
  return state;
}
