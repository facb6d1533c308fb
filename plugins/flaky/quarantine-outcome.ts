import type { ArtifactRef, Finding } from '../../src/core/index.js';
import type { NormalizeInput } from '../../src/plugin/contract.js';
import { isObsoleteQuarantine } from '../../src/agents/builtin/quarantine-tag.js';
import { liftableFinding } from './findings.js';
import type { HistoryFile, QuarantineReport, RoundLog } from './raw-files.js';
import type { HistoryStats } from './stats.js';
import { quarantineStats } from './stats.js';
import { tallyRuns } from './tally.js';

const DAY_MS = 86_400_000;
const LISTED = 20;

/** One quarantined test as `reports/flaky-quarantine.json` lists it. */
export interface QuarantinedTest {
  nodeId: string;
  file: string;
  line: number;
  marker: string;
  since?: string;
  ageDays?: number;
  /** Full-lane history with the quarantine's xfails counted as failures. */
  history: HistoryStats;
  status: 'liftable' | 'kept' | 'not-due' | 'age-unknown' | 'obsolete';
}

export interface QuarantineOutcome {
  findings: Finding[];
  notes: string[];
  quarantined: QuarantinedTest[];
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const historyText = (h: HistoryStats) => (h.runs ? `${h.failures} failure(s) in ${h.runs} recorded run(s), flake rate ${pct(h.flakeRate)}` : 'no recorded runs');

/** `quarantined tests: 2 — a (since …, 30 days; …), b (…)`: the count and list for the run's summary. */
function listNote(tests: readonly QuarantinedTest[]): string {
  const item = (t: QuarantinedTest) => `${t.nodeId} (${t.since ? `since ${t.since}, ${t.ageDays} days` : 'age unknown'}; ${historyText(t.history)})`;
  const more = tests.length > LISTED ? `, and ${tests.length - LISTED} more` : '';
  return `quarantined tests: ${tests.length} — ${tests.slice(0, LISTED).map(item).join(', ')}${more}`;
}

/**
 * What re-running expired quarantines showed: a finding for each test that passed every run
 * with its quarantine lifted; a note for each that still fails (it stays quarantined). Every
 * quarantined test is listed with its age and its history under quarantine. Pure.
 */
export function quarantineOutcome(report: QuarantineReport | undefined, log: RoundLog, rounds: number, history: HistoryFile, input: Pick<NormalizeInput, 'read' | 'runStartedAtMs'>, artifacts: ArtifactRef[], roots: string[]): QuarantineOutcome {
  if (!report) return { findings: [], notes: ['quarantine check: no report (raw/flaky/quarantine.json)'], quarantined: [] };
  const findings: Finding[] = [];
  const notes = [...report.notes];
  const quarantined: QuarantinedTest[] = [];
  const tally = tallyRuns(log, 'quarantine', input.read);
  notes.push(...tally.lost.slice(0, 10));
  for (const e of report.entries) {
    const ageDays = e.since === undefined ? undefined : (input.runStartedAtMs - e.since) / DAY_MS;
    const stats = quarantineStats(history, e.nodeIds ?? [e.nodeId]);
    const listed: QuarantinedTest = {
      nodeId: e.nodeId, file: e.file, line: e.line, marker: e.text, history: stats, status: 'age-unknown',
      ...(e.since !== undefined && ageDays !== undefined ? { since: new Date(e.since).toISOString().slice(0, 10), ageDays: Math.floor(ageDays) } : {}),
    };
    quarantined.push(listed);
    if (e.note) notes.push(`quarantine of ${e.nodeId}: ${e.note}`);
    if (!e.rerun) {
      if (!e.note && ageDays !== undefined) notes.push(`quarantine of ${e.nodeId}: ${Math.floor(ageDays)} day(s) old, not yet due for re-evaluation`);
      if (isObsoleteQuarantine(e.text)) listed.status = 'obsolete';
      else if (ageDays !== undefined) listed.status = 'not-due';
      continue;
    }
    const t = tally.byId.get(e.nodeId) ?? { passes: 0, fails: 0 };
    listed.status = t.fails === 0 && t.passes >= rounds ? 'liftable' : 'kept';
    if (t.fails > 0) notes.push(`quarantine of ${e.nodeId}: still fails with the quarantine lifted (${t.fails} failure(s) in ${t.passes + t.fails} run(s)); kept quarantined`);
    else if (t.passes < rounds) notes.push(`quarantine of ${e.nodeId}: only ${t.passes} of ${rounds} runs reported a pass; kept quarantined`);
    else findings.push(liftableFinding(e.nodeId, e.text, rounds, ageDays ?? 0, artifacts, roots, stats));
  }
  if (quarantined.length) notes.push(listNote(quarantined));
  return { findings, notes, quarantined };
}
