import type { Finding } from '../../src/core/index.js';
import type { NormalizeInput, NormalizeOutput } from '../../src/plugin/contract.js';
import { failedBuilds, parseBuildOutput } from './build-errors.js';
import { buildFinding, unexplainedBuildFinding } from './build-findings.js';
import { parseStream } from './events.js';
import { foldEvents } from './fold.js';
import type { FoldedStream } from './fold.js';
import { createLocator } from './locate.js';
import { parsePackages } from './packages.js';
import { countResults, testResults } from './results.js';
import { parseOptions } from './schema.js';
import type { FindingContext } from './test-findings.js';
import { packageFailureFinding, packageTestFindings } from './test-findings.js';
import { judgeRun } from './trust.js';

/** Build output from every place go puts it: stderr (≤ 1.23), stream text, build events (≥ 1.24). */
function buildOutput(folded: FoldedStream, textLines: string[], stderr: string) {
  const eventLines = [...folded.builds.values()].flatMap((b) => b.lines);
  const parsed = parseBuildOutput([...stderr.split('\n'), ...textLines, ...eventLines]);
  const packageLines = [...folded.packages.values()].flatMap((p) => p.output);
  const failed = failedBuilds([...textLines, ...packageLines]);
  for (const p of folded.packages.values()) if (p.failedBuild && !failed.has(p.importPath)) failed.set(p.importPath, 'build failed');
  return { ...parsed, failed };
}

function buildFindings(out: ReturnType<typeof buildOutput>, ctx: FindingContext): Finding[] {
  const findings = out.blocks.map((b) => buildFinding(b, out.failed, ctx));
  const explained = new Set(findings.flatMap((f) => (f.evidence.details?.['blocks'] as string[] | undefined) ?? []));
  // A package that failed only because another did not compile is covered by that one's finding.
  const unexplained = out.blocks.length ? [] : [...out.failed].filter(([pkg]) => !explained.has(pkg));
  return [...findings, ...unexplained.map(([pkg, how]) => unexplainedBuildFinding(pkg, how, ctx))];
}

/**
 * `go test -json` stream + stderr + `packages.json` → test results, findings and counts. Pure.
 * Node ids are `<import path>::<Test>/<subtest>`. A run whose stream is cut, that crashed or ran
 * nothing is never trustworthy, and a finding says why.
 */
export function normalize(input: NormalizeInput): NormalizeOutput {
  const options = parseOptions(input.options);
  const stream = parseStream(input.read('stream') ?? '');
  const stderr = input.read('stderr') ?? '';
  const pkgs = parsePackages(input.read('packages'));
  const folded = foldEvents(stream.events);
  const locate = createLocator(pkgs.packages, input.repoDir);
  const roots = [input.runDir, input.repoDir, ...pkgs.packages.filter((p) => p.dir === '').map((p) => p.goDir)];
  const artifacts = input.collect.artifacts.filter((a) => a.exists && a.name !== 'packages').map((a) => ({ path: a.path, description: `go test ${a.name}` }));
  const ctx: FindingContext = { locate, artifacts, roots };
  const builds = buildOutput(folded, stream.textLines, stderr);
  const runs = [...folded.packages.values()];
  const testFindings = runs.flatMap((p) => packageTestFindings(p, ctx));
  const blamed = new Set(testFindings.map((f) => f.evidence.details?.['package']));
  const packageFailures = runs.filter((p) => p.outcome === 'fail' && !builds.failed.has(p.importPath) && !blamed.has(p.importPath));
  const tests = testResults(folded, locate);
  const seen = new Set([...folded.packages.keys(), ...builds.failed.keys()]);
  const runProblems = judgeRun({
    exec: input.collect.exec,
    stderr,
    cut: stream.truncated || stream.badLines.length > 0,
    unfinishedPackages: runs.filter((p) => !p.outcome).map((p) => p.importPath),
    missingPackages: input.collect.exec?.exitCode === null ? [] : pkgs.packages.filter((p) => p.testFiles.length && !p.error && !seen.has(p.importPath)).map((p) => p.importPath),
    finishedPackages: runs.filter((p) => p.outcome).length,
    failedPackages: new Set([...runs.filter((p) => p.outcome === 'fail').map((p) => p.importPath), ...builds.failed.keys()]).size,
    timeoutSec: options.timeoutSec,
    artifacts,
    roots,
  });
  const notes = [
    ...(pkgs.error ? [`${pkgs.error}: files of tests and packages are not located`] : []),
    ...(stream.badLines.length ? [`${stream.badLines.length} line(s) of the stream are not valid test2json events`] : []),
  ];
  const trustworthy = runProblems.length === 0;
  return {
    findings: dedupe([...runProblems, ...buildFindings(builds, ctx), ...testFindings, ...packageFailures.map((p) => packageFailureFinding(p, ctx))]),
    tests,
    counts: trustworthy ? countResults(tests, builds.failed.size + packageFailures.length) : undefined,
    trustworthy,
    notes,
  };
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => !seen.has(f.fingerprint) && seen.add(f.fingerprint));
}
