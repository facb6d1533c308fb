import type { ArtifactRef, Finding } from '../../src/core/index.js';
import type { NormalizeInput } from '../../src/plugin/contract.js';
import { liftableFinding } from './findings.js';
import type { QuarantineReport, RoundLog } from './raw-files.js';
import { tallyRuns } from './tally.js';

const DAY_MS = 86_400_000;

/**
 * What re-running expired quarantines showed: a finding for each test that passed every run
 * with its quarantine lifted; a note for each that still fails (it stays quarantined). Pure.
 */
export function quarantineOutcome(report: QuarantineReport | undefined, log: RoundLog, rounds: number, input: Pick<NormalizeInput, 'read' | 'runStartedAtMs'>, artifacts: ArtifactRef[], roots: string[]): { findings: Finding[]; notes: string[] } {
  if (!report) return { findings: [], notes: ['quarantine check: no report (raw/flaky/quarantine.json)'] };
  const findings: Finding[] = [];
  const notes = [...report.notes];
  const tally = tallyRuns(log, 'quarantine', input.read);
  notes.push(...tally.lost.slice(0, 10));
  for (const e of report.entries) {
    const ageDays = e.since === undefined ? undefined : (input.runStartedAtMs - e.since) / DAY_MS;
    if (e.note) notes.push(`quarantine of ${e.nodeId}: ${e.note}`);
    if (!e.rerun) {
      if (!e.note && ageDays !== undefined) notes.push(`quarantine of ${e.nodeId}: ${Math.floor(ageDays)} day(s) old, not yet due for re-evaluation`);
      continue;
    }
    const t = tally.byId.get(e.nodeId) ?? { passes: 0, fails: 0 };
    if (t.fails > 0) notes.push(`quarantine of ${e.nodeId}: still fails with the quarantine lifted (${t.fails} failure(s) in ${t.passes + t.fails} run(s)); kept quarantined`);
    else if (t.passes < rounds) notes.push(`quarantine of ${e.nodeId}: only ${t.passes} of ${rounds} runs reported a pass; kept quarantined`);
    else findings.push(liftableFinding(e.nodeId, e.text, rounds, ageDays ?? 0, artifacts, roots));
  }
  return { findings, notes };
}
