import path from 'node:path';
import type { RunOutcome } from '../engine/index.js';
import { EXIT } from './exit-codes.js';

/** Exit code for a finished run. */
export function exitCodeFor(outcome: RunOutcome): number {
  if (outcome.run.status === 'interrupted') return EXIT.interrupted;
  if (outcome.run.status === 'crashed') return EXIT.internal;
  return EXIT[outcome.run.conclusion ?? 'error'];
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
  };
}

const MARK = { green: 'PASS', red: 'FAIL', error: 'ERROR' } as const;

/** Human summary for a terminal. Test names are printed with control characters escaped. */
export function outcomeText(outcome: RunOutcome): string {
  const { run } = outcome;
  const c = run.counts;
  const safe = (s: string) => JSON.stringify(s).slice(1, -1);
  const lines = [
    `${MARK[run.conclusion ?? 'error']} ${run.command} run ${run.id} (${run.status})`,
    c ? `tests: ${c.total} total, ${c.passed} passed, ${c.failed} failed, ${c.errors} errors, ${c.skipped} skipped, ${c.xfailed} xfailed, ${c.xpassed} xpassed` : 'tests: no trustworthy counts',
  ];
  if (run.error) lines.push(`error: ${run.error}`);
  for (const t of outcome.tools.filter((x) => !x.trustworthy)) lines.push(`${t.plugin}: not trustworthy — ${t.notes.join('; ')}`);
  if (outcome.findings.length) lines.push(`findings (${outcome.findings.length}):`);
  for (const f of outcome.findings) {
    const where = f.scope.nodeId ?? f.scope.file ?? f.tool;
    lines.push(`  [${f.severity}] ${f.kind} ${safe(where)}: ${safe(f.message.split('\n')[0] ?? '').slice(0, 160)}`);
  }
  if (outcome.tasks.length) lines.push(`planned tasks: ${outcome.tasks.length}`);
  lines.push(`run dir: ${outcome.runDir}`, `summary: ${path.join(outcome.runDir, 'reports', 'summary.md')}`);
  return `${lines.join('\n')}\n`;
}
