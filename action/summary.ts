import type { RunOutcome } from '../src/engine/index.js';
import { mdCell } from '../src/reports/index.js';
import { scrubText } from '../src/secrets/index.js';

const MAX_FINDINGS = 50;

interface RemediationView {
  skipped?: string;
  tasks?: { id: string; title: string; type: string; status: string; branch: string | null }[];
  accepted?: unknown[];
  checkpoint?: { failingBefore: number; failingAfter: number; trustworthy: boolean } | null;
  stopReason?: string | null;
}

/** The job summary (scrubbed of secrets): counts, the findings (capped), the remediation outcome and a chart of outcomes. */
export function jobSummary(outcome: RunOutcome, verdict: string, planFile: string | undefined): string {
  const { run } = outcome;
  const c = run.counts;
  const lines = [
    `## ATQOS ${run.command} · lane \`${mdCell(run.lane, 40)}\` · ${verdict}`, '',
    '| tests | passed | failed | errors | skipped | findings | tasks |', '|---:|---:|---:|---:|---:|---:|---:|',
    `| ${c?.total ?? '-'} | ${c?.passed ?? '-'} | ${c?.failed ?? '-'} | ${c?.errors ?? '-'} | ${c?.skipped ?? '-'} | ${outcome.findings.length} | ${outcome.tasks.length} |`, '',
  ];
  if (run.error) lines.push(`**Error:** ${mdCell(run.error, 500)}`, '');
  if (c && c.total > 0) lines.push(...pie('Test outcomes', { passed: c.passed, failed: c.failed, errors: c.errors, skipped: c.skipped, xfailed: c.xfailed, xpassed: c.xpassed }));
  lines.push(...findingsTable(outcome));
  if (outcome.remediation) lines.push(...remediation(outcome.remediation.report as RemediationView));
  lines.push(`Run \`${run.id}\`${planFile ? ' · publish plan written' : ''} · full report in the run directory artifact (\`reports/summary.md\`).`, '');
  return scrubText(lines.join('\n'));
}

function findingsTable(outcome: RunOutcome): string[] {
  if (!outcome.findings.length) return [];
  const shown = outcome.findings.slice(0, MAX_FINDINGS);
  const lines = [`### Findings (${outcome.findings.length})`, '', '| severity | kind | where | message |', '|---|---|---|---|'];
  for (const f of shown) lines.push(`| ${f.severity} | ${f.kind} | ${mdCell(f.scope.nodeId ?? f.scope.file ?? f.tool, 100)} | ${mdCell(f.message.split('\n')[0] ?? '', 160)} |`);
  if (outcome.findings.length > shown.length) lines.push('', `…and ${outcome.findings.length - shown.length} more in \`findings.json\`.`);
  return [...lines, ''];
}

function remediation(r: RemediationView): string[] {
  if (r.skipped) return ['### Remediation', '', `Skipped: ${mdCell(r.skipped, 400)}`, ''];
  const tasks = r.tasks ?? [];
  const lines = ['### Remediation', '', `${tasks.length} task(s), ${r.accepted?.length ?? 0} fix(es) accepted.`, ''];
  const byStatus: Record<string, number> = {};
  for (const t of tasks) byStatus[t.status] = (byStatus[t.status] ?? 0) + 1;
  if (tasks.length) lines.push(...pie('Task outcomes', byStatus));
  for (const t of tasks) lines.push(`- **${t.status}** ${mdCell(t.title, 120)}${t.branch && t.status === 'succeeded' ? ` → \`${mdCell(t.branch, 80)}\`` : ''}`);
  if (tasks.length) lines.push('');
  const cp = r.checkpoint;
  if (cp) lines.push(`Checkpoint: failing findings **${cp.failingBefore} → ${cp.failingAfter}**${cp.trustworthy ? '' : ' (not trustworthy)'}.`, '');
  if (r.stopReason) lines.push(`Stopped early: ${mdCell(r.stopReason, 300)}.`, '');
  return lines;
}

/** A Mermaid pie of the non-zero counts; GitHub renders `mermaid` code blocks in job summaries. */
function pie(title: string, counts: Record<string, number>): string[] {
  const slices = Object.entries(counts).filter(([, n]) => n > 0);
  if (!slices.length) return [];
  return ['```mermaid', `pie showData title ${title}`, ...slices.map(([k, n]) => `    "${k}" : ${n}`), '```', ''];
}
