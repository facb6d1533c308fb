import { z } from 'zod';
import type { Finding } from '../../src/core/index.js';
import type { NormalizeInput, NormalizeOutput } from '../../src/plugin/contract.js';
import { ageDays, BlameTarget, parseBlamePorcelain } from './blame.js';
import { FailedImport } from './earlier-imports.js';
import { alwaysTrueFinding, oldSkipFinding, removedImportFinding, staleFinding, unjustifiedFinding } from './findings.js';
import { parseSkipInventory, testId, testsCovered } from './inventory.js';
import type { SkipEntry, SkipInventory } from './inventory.js';
import { readRound } from './outcomes.js';
import { quarantineAges } from './quarantine-age.js';
import type { RoundResult } from './outcomes.js';
import { roundArtifacts } from './run-unskipped.js';
import { parseOptions } from './schema.js';
import { isPermanent } from './select.js';
import { runProblem, summaryReport } from './run-problems.js';
import { testVerdicts } from './verdicts.js';
import type { TestVerdict } from './verdicts.js';

function readJson<T>(text: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (text === undefined) return undefined;
  try {
    const r = schema.safeParse(JSON.parse(text));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

function readRounds(input: NormalizeInput, reruns: number): RoundResult[] {
  const rounds: RoundResult[] = [];
  for (let n = 1; n <= reruns; n++) {
    const names = roundArtifacts(n);
    if (!input.collect.artifacts.some((a) => a.name === names.junit || a.name === names.report)) break;
    rounds.push(readRound(input.read(names.junit), input.read(names.report)));
  }
  return rounds;
}

const unjustified = (s: SkipEntry) => s.kind !== 'call.importorskip' && !(s.reason ?? '').trim();

function conditionFindings(inv: SkipInventory, verdicts: TestVerdict[], pytest: string | undefined): Finding[] {
  const out: Finding[] = [];
  for (const s of inv.skips.filter((x) => x.kind === 'skipif' || x.kind === 'unittest.skipIf' || x.kind === 'unittest.skipUnless')) {
    const covered = verdicts.filter((v) => v.skips.includes(s));
    if (covered.length === 0 || covered.every((v) => v.status === 'stale')) continue;
    const here = covered.every((v) => v.applies[v.skips.indexOf(s)] === true);
    if (s.staticTruth !== true && !here) continue;
    out.push(alwaysTrueFinding(s, { everywhere: s.staticTruth === true, python: inv.python, ...(pytest ? { pytest } : {}), tests: covered.map((v) => v.id) }));
  }
  return out;
}

function oldSkipFindings(input: NormalizeInput, inv: SkipInventory, verdicts: TestVerdict[], staleDays: number, notes: string[]): Finding[] {
  const targets = readJson(input.read('blameTargets'), z.array(BlameTarget)) ?? [];
  const out: Finding[] = [];
  for (const s of inv.skips.filter(isPermanent)) {
    const t = targets.find((x) => x.file === s.file && x.line === s.line);
    const blame = t && parseBlamePorcelain(input.read(t.artifact));
    if (!blame) continue;
    const age = ageDays(blame, input.runStartedAtMs);
    const tests = testsCovered(inv, s).map((x) => testId(x.file, x.qualname));
    if (age <= staleDays || tests.length === 0) continue;
    if (verdicts.filter((v) => tests.includes(v.id)).every((v) => v.status === 'stale')) continue;
    out.push(oldSkipFinding(s, blame, age, tests));
  }
  if (inv.skips.some(isPermanent) && targets.length === 0) notes.push('no git history for the permanent skips (not a git work tree?): their ages are unknown');
  return out;
}

function removedImports(input: NormalizeInput, inv: SkipInventory): Finding[] {
  const failed = readJson(input.read('failedImports'), z.array(FailedImport)) ?? [];
  return failed.flatMap((f) => {
    const check = inv.imports.find((c) => c.module === f.module && c.name === f.name);
    if (!check || check.defines !== false || !check.file) return [];
    return [removedImportFinding(f, check, f.nodeId.split('::')[0]!)];
  });
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => !seen.has(f.fingerprint) && seen.add(f.fingerprint));
}

/**
 * Inventory + un-skipped rounds + git blame + earlier import failures → skip findings. Pure.
 * Reports no test results or counts: the un-skipped runs are an experiment, not the suite's outcome.
 */
export function normalize(input: NormalizeInput): NormalizeOutput {
  const options = parseOptions(input.options);
  const parsed = parseSkipInventory(input.read('inventory'));
  if (!parsed.ok) return { findings: [runProblem(input, 'inventory', parsed.error)], tests: [], counts: undefined, trustworthy: false, notes: [parsed.error] };
  const inv = parsed.inventory;
  const notes = [...inv.errors.map((e) => `${e.file}:${e.line}: not parsed (${e.message}); its skips are not audited`), ...inv.dropped];
  const rounds = options.runSkipped ? readRounds(input, options.reruns) : [];
  const crashed = rounds.length > 0 && rounds[0]!.report === undefined ? rounds[0]!.problems.join('; ') : undefined;
  const verdicts = testVerdicts(inv, rounds, options.reruns, quarantineAges(input));
  notes.push(...verdicts.filter((v) => v.status === 'not-executable').map((v) => `${v.id}: not run un-skipped: ${v.why}`));
  const stale = verdicts.filter((v) => v.status === 'stale');
  const findings = dedupe([
    ...stale.map((v) => staleFinding(v, options.reruns)),
    ...conditionFindings(inv, verdicts, rounds[0]?.report?.pytest),
    ...inv.skips.filter(unjustified).map(unjustifiedFinding),
    ...oldSkipFindings(input, inv, verdicts, options.staleSkipDays, notes),
    ...removedImports(input, inv),
    ...(crashed ? [runProblem(input, 'unskip-1', crashed)] : []),
  ]);
  return { findings, tests: [], counts: undefined, trustworthy: !crashed, audit: true, notes, reports: { 'skip-audit.json': summaryReport(inv, verdicts) } };
}
