import path from 'node:path';
import type { RunOutcome } from '../engine/index.js';
import { EXIT } from './exit-codes.js';

/** Exit code for a finished run. */
export function exitCodeFor(outcome: RunOutcome): number {
  if (outcome.run.status === 'interrupted') return EXIT.interrupted;
  if (outcome.run.status === 'crashed') return EXIT.internal;
  const conclusion = outcome.run.conclusion ?? 'error';
  // `atqos run`: red before, nothing failing at a trustworthy checkpoint after → the fixes hold.
  if (conclusion === 'red' && outcome.remediation?.failingAfter === 0) return EXIT.green;
  return EXIT[conclusion];
}

/** The `--json` document: stable, machine-readable. */
export function outcomeJson(outcome: RunOutcome) {
  const { run } = outcome;
  return {
    runId: run.id,
    runDir: outcome.runDir,
    status: run.status,
    conclusion: run.conclusion ?? null,
    error: run.error ?? null,
    counts: run.counts ?? null,
    tools: outcome.tools,
    findings: outcome.findings,
    tasks: outcome.tasks,
    reports: outcome.reports.map((r) => path.join(outcome.runDir, r)),
    ...(outcome.remediation ? { remediation: outcome.remediation.report } : {}),
  };
}

const MARK = { green: 'PASS', red: 'FAIL', error: 'ERROR' } as const;

/** Human summary for a terminal. Test names are printed with control characters escaped. */
export function outcomeText(outcome: RunOutcome): string {
  const { run } = outcome;
  const c = run.counts;
  const safe = (s: string) => JSON.stringify(s).slice(1, -1);
  const fixedAll = run.conclusion === 'red' && outcome.remediation?.failingAfter === 0;
  const lines = [
    `${fixedAll ? 'FIXED' : MARK[run.conclusion ?? 'error']} ${run.command} run ${run.id} (${run.status})`,
    c ? `tests: ${c.total} total, ${c.passed} passed, ${c.failed} failed, ${c.errors} errors, ${c.skipped} skipped, ${c.xfailed} xfailed, ${c.xpassed} xpassed` : 'tests: no trustworthy counts',
  ];
  if (run.error) lines.push(`error: ${run.error}`);
  for (const t of outcome.tools.filter((x) => !x.trustworthy)) lines.push(`${t.plugin}: not trustworthy${t.notes.length ? ` — ${t.notes.join('; ')}` : ' (see the tool_error finding)'}`);
  // An error from trustworthy tools (nothing ran, an audit alone): their notes say why.
  if (outcome.run.conclusion === 'error') for (const t of outcome.tools.filter((x) => x.trustworthy && x.notes.length)) lines.push(`${t.plugin}: ${t.notes.join('; ')}`);
  if (outcome.findings.length) lines.push(`findings (${outcome.findings.length}):`);
  for (const f of outcome.findings) {
    const where = f.scope.nodeId ?? f.scope.file ?? f.tool;
    lines.push(`  [${f.severity}] ${f.kind} ${safe(where)}: ${safe(f.message.split('\n')[0] ?? '').slice(0, 160)}`);
  }
  if (outcome.tasks.length) lines.push(`planned tasks: ${outcome.tasks.length}`);
  if (outcome.remediation) lines.push(...remediationLines(outcome.remediation.report));
  lines.push(`run dir: ${outcome.runDir}`, `summary: ${path.join(outcome.runDir, 'reports', 'summary.md')}`);
  return `${lines.join('\n')}\n`;
}

interface RemediationView {
  skipped?: string;
  tasks?: { id: string; type: string; title: string; status: string; branch: string | null }[];
  attempts?: { task: string; n: number; outcome?: string; reason?: string }[];
  checkpoint?: { failingBefore: number; failingAfter: number; integrationBranch: string; trustworthy: boolean } | null;
  stopReason?: string | null;
}

function remediationLines(raw: Record<string, unknown>): string[] {
  const r = raw as RemediationView;
  if (r.skipped) return [`remediation skipped: ${r.skipped}`];
  const lines = ['remediation:'];
  for (const t of r.tasks ?? []) {
    const last = (r.attempts ?? []).filter((a) => a.task === t.id).at(-1);
    const why = t.status === 'succeeded' ? `branch ${t.branch}` : last ? `${last.outcome}: ${(last.reason ?? '').slice(0, 200)}` : t.status;
    lines.push(`  [${t.status}] ${t.type} ${t.title} — ${why}`);
  }
  const cp = r.checkpoint;
  if (cp) lines.push(`checkpoint on ${cp.integrationBranch}: failing findings ${cp.failingBefore} → ${cp.failingAfter}${cp.trustworthy ? '' : ' (not trustworthy)'}`);
  if (r.stopReason) lines.push(`stopped: ${r.stopReason}`);
  return lines;
}
