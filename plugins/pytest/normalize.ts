import type { NormalizeInput, NormalizeOutput } from '../../src/plugin/contract.js';
import { parseJunit } from '../junit/parse.js';
import type { JunitCase } from '../junit/parse.js';
import { parseInventory } from './inventory.js';
import type { PytestInventory } from './inventory.js';
import { parseOptions } from './schema.js';
import { joinResults } from './results.js';
import { problemFinding, repoModulesFrom } from './findings.js';
import { runProblemFinding } from './tool-findings.js';
import { judgeRun } from './trust.js';
import { applySelection, nothingRan } from './select/apply.js';
import { parseSelectionRecord } from './select/record.js';

function readJunit(input: NormalizeInput): { cases: JunitCase[]; error?: string; notes: string[] } {
  const text = input.read('junit');
  if (text === undefined) return { cases: [], notes: [] };
  const parsed = parseJunit(text);
  return parsed.ok ? { cases: parsed.report.cases, notes: parsed.report.notes } : { cases: [], error: parsed.error, notes: [] };
}

function readInventory(input: NormalizeInput, notes: string[]): PytestInventory | undefined {
  const parsed = parseInventory(input.read('inventory'));
  if (!parsed.ok) {
    // When pytest never started, the missing inventory is no news: the start failure says it all.
    if (input.collect.exec?.failedToStart) return undefined;
    notes.push(`${parsed.error}: results come from JUnit alone (less detail for failures)`);
    return undefined;
  }
  const inv = parsed.inventory;
  if (!inv.finished) notes.push('inventory.json is from an unfinished session');
  for (const e of inv.pluginErrors) notes.push(`atqos inventory plugin: ${e}`);
  return inv;
}

function repoPaths(inv: PytestInventory | undefined): string[] {
  if (!inv) return [];
  return [
    ...inv.items.map((i) => i.file),
    ...inv.collectErrors.map((e) => e.nodeId),
    ...Object.keys(inv.moduleDeps),
    ...Object.values(inv.moduleDeps).flat(),
  ];
}

/**
 * JUnit (what ran) + inventory (node ids, phases, crash frames) + exit status → findings, test
 * results and counts. Pure. A run that crashed, ran nothing or left no fresh report is never
 * trustworthy, and says why in a finding.
 */
export function normalize(input: NormalizeInput): NormalizeOutput {
  const selection = parseSelectionRecord(input.read('selection'));
  // A lane selection that can affect no test ran nothing on purpose: say so, and no more.
  if (selection?.mode === 'none') return applySelection(nothingRan(), selection, { runStartedAtMs: input.runStartedAtMs, markers: new Map(), exitCode: undefined });
  const options = parseOptions(input.options);
  const junit = readJunit(input);
  const notes = [...junit.notes];
  const inv = readInventory(input, notes);
  const joined = joinResults(junit.cases, inv);
  notes.push(...joined.notes.slice(0, 20));
  const artifacts = input.collect.artifacts.filter((a) => a.exists && a.name !== 'stderr').map((a) => ({ path: a.path, description: `pytest ${a.name}` }));
  const roots = [input.runDir, input.repoDir];
  const collectionErrors = joined.problems.filter((p) => p.when === 'collect').length;
  const runProblems = judgeRun({
    exec: input.collect.exec,
    junit: input.collect.artifacts.find((a) => a.name === 'junit'),
    junitError: junit.error,
    runStartedAtMs: input.runStartedAtMs,
    stdout: input.read('stdout'),
    stderr: input.read('stderr'),
    testsRun: joined.tests.length,
    problems: joined.problems.length,
    collectionErrors,
    timeoutSec: options.timeoutSec,
    artifacts: artifacts.map((a) => a.path),
    roots,
  });
  const stale = runProblems.some((p) => p.key === 'stale-junit' || p.key === 'bad-junit');
  const ctx = {
    repoDir: input.repoDir,
    runDir: input.runDir,
    ...(inv?.rootdir ? { rootdir: inv.rootdir } : {}),
    repoModules: repoModulesFrom(repoPaths(inv)),
    moduleDeps: inv?.moduleDeps ?? {},
    artifacts,
  };
  // A stale report describes some other run: nothing in it is evidence about this one.
  const testFindings = stale ? [] : joined.problems.map((p) => problemFinding(p, ctx));
  const interrupted = input.collect.exec?.exitCode === 2;
  if (interrupted && collectionErrors > 0) notes.push('pytest stopped after collection errors: the other tests did not run');
  const trustworthy = runProblems.length === 0 && !interrupted;
  const out = {
    findings: [...runProblems.map(runProblemFinding), ...dedupe(testFindings)],
    tests: stale ? [] : joined.tests,
    counts: trustworthy ? joined.counts : undefined,
    trustworthy,
    notes,
  };
  const markers = new Map((inv?.items ?? []).map((i) => [i.nodeId, i.markers]));
  return applySelection(out, selection, { runStartedAtMs: input.runStartedAtMs, markers, exitCode: input.collect.exec?.exitCode });
}

/** Parametrized copies of one failure keep their own fingerprints; exact repeats collapse. */
function dedupe<T extends { fingerprint: string }>(findings: T[]): T[] {
  const seen = new Set<string>();
  return findings.filter((f) => !seen.has(f.fingerprint) && seen.add(f.fingerprint));
}
