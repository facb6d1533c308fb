import type { ArtifactRef, Finding, TestCounts } from '../../src/core/index.js';
import { emptyCounts } from '../../src/core/index.js';
import type { NormalizeInput, NormalizeOutput } from '../../src/plugin/contract.js';
import { flakyFinding } from './findings.js';
import { quarantineOutcome } from './quarantine-outcome.js';
import { HistoryFile, QuarantineReport, RAW, RoundLog, ScanReport, Selection, readRaw } from './raw-files.js';
import { parseOptions } from './schema.js';
import { historyStats } from './stats.js';
import { tallyRuns } from './tally.js';
import type { Tallies } from './tally.js';

function rerunCounts(t: Tallies): TestCounts | undefined {
  if (t.usable === 0) return undefined;
  const c = emptyCounts();
  for (const { passes, fails } of t.byId.values()) {
    c.passed += passes;
    c.failed += fails;
  }
  c.total = c.passed + c.failed;
  return c;
}

function verdictNote(nodeId: string, t: { passes: number; fails: number } | undefined, rounds: number, notFound: boolean): string | undefined {
  if (notFound) return `${nodeId}: pytest could not find this test when re-run by its node id; not re-run`;
  if (!t || t.passes + t.fails === 0) return `${nodeId}: no re-run reported a result; its failure stands as reported by pytest`;
  if (t.passes > 0) return undefined;
  const all = t.fails === rounds ? `all ${rounds} re-runs` : `${t.fails} re-run(s) (${rounds - t.fails} gave no result)`;
  return `${nodeId}: failed ${all} too: a deterministic failure, not flaky`;
}

/**
 * Re-run reports → `flaky_test` findings (a test that both passed and failed on the same commit),
 * notes on deterministic failures, and findings for expired quarantines that can be lifted. Pure.
 */
export function normalize(input: NormalizeInput): NormalizeOutput {
  parseOptions(input.options);
  const notes: string[] = [];
  const selection = readRaw(Selection, input.read('selection'), RAW.selection, notes);
  if (!selection) {
    notes.push('raw/flaky/selection.json is missing: the flaky collect step did not finish');
    return { findings: [], tests: [], counts: undefined, trustworthy: false, notes };
  }
  const log = readRaw(RoundLog, input.read('rounds'), RAW.rounds, notes) ?? { runs: [], notFound: [] };
  const history = readRaw(HistoryFile, input.read('history'), RAW.history, notes) ?? {};
  const scan = readRaw(ScanReport, input.read('scan'), RAW.scan, notes);
  const quarantine = readRaw(QuarantineReport, input.read('quarantine'), RAW.quarantine, notes);
  const roots = [input.runDir, input.repoDir];
  const artifacts: ArtifactRef[] = input.collect.artifacts.filter((a) => a.exists && a.path.endsWith('.json')).map((a) => ({ path: a.path, description: `flaky ${a.name}` }));
  const reruns = tallyRuns(log, 'rerun', input.read);
  notes.push(...reruns.lost.slice(0, 20));
  const findings: Finding[] = [];
  for (const test of selection.tests) {
    const t = reruns.byId.get(test.nodeId);
    const note = verdictNote(test.nodeId, t, selection.reruns, log.notFound.includes(test.nodeId));
    if (note) notes.push(note);
    if (!t || t.passes === 0) continue;
    const hints = scan?.tests.find((s) => s.nodeId === test.nodeId)?.hints ?? [];
    findings.push(flakyFinding({ test, reruns: t, history: historyStats(history[test.nodeId]), hints, artifacts, roots }));
  }
  if (selection.tests.length === 0) notes.push('no failing pytest tests in this run: nothing to re-run');
  if (selection.notRerun.length) notes.push(`${selection.notRerun.length} failing test(s) not re-run (plugins.flaky.maxTests): ${selection.notRerun.slice(0, 10).join(', ')}${selection.notRerun.length > 10 ? ', …' : ''}`);
  const q = quarantineOutcome(quarantine, log, selection.reruns, history, input, artifacts, roots);
  findings.push(...q.findings);
  notes.push(...(scan?.errors ?? []).map((e) => `static scan: ${e}`), ...q.notes);
  // Every re-run invocation broke: the re-runs say nothing, which must not read as "not flaky".
  const broken = selection.tests.length > 0 && reruns.usable === 0;
  if (broken) notes.push('no re-run produced a usable JUnit report: flakiness unknown (see raw/flaky/rerun-*.stdout|stderr)');
  // Re-run tallies are evidence, not the suite's counts: they stay out of the run's totals.
  const tally = rerunCounts(reruns);
  if (tally) notes.push(`re-runs: ${tally.passed} passed, ${tally.failed} failed`);
  const reports = { 'flaky-quarantine.json': { count: q.quarantined.length, tests: q.quarantined } };
  return { findings, tests: [], counts: undefined, trustworthy: !broken, audit: true, notes, reports };
}
