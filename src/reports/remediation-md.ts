import { mdCell } from './summary-md.js';

interface View {
  skipped?: string;
  tasks?: { id: string; type: string; title: string; status: string; branch: string | null }[];
  attempts?: { task: string; n: number; agent: string; outcome?: string; reason?: string; guardsFailed?: string[] }[];
  checkpoint?: { failingBefore: number; failingAfter: number; integrationBranch: string; trustworthy: boolean; conflicted: { branch: string }[] } | null;
  stopReason?: string | null;
}

/** The `atqos run` section of summary.md: every task's outcome and reason, before and after counts. */
export function remediationMarkdown(raw: Record<string, unknown>): string[] {
  const r = raw as View;
  if (r.skipped) return ['## Remediation', '', `Skipped: ${mdCell(r.skipped, 400)}`, ''];
  const lines = ['## Remediation', '', '| task | type | status | attempts | outcome |', '|---|---|---|---:|---|'];
  for (const t of r.tasks ?? []) {
    const attempts = (r.attempts ?? []).filter((a) => a.task === t.id);
    const last = attempts.at(-1);
    const outcome = t.status === 'succeeded' ? `branch \`${t.branch}\`` : last ? `${last.outcome}: ${mdCell(last.reason ?? '', 200)}` : '-';
    lines.push(`| ${mdCell(t.title, 80)} | ${t.type} | ${t.status} | ${attempts.length} | ${outcome} |`);
  }
  lines.push('');
  const cp = r.checkpoint;
  if (cp) {
    lines.push(`Checkpoint on \`${cp.integrationBranch}\`: failing findings **${cp.failingBefore} → ${cp.failingAfter}**${cp.trustworthy ? '' : ' (the checkpoint run was not trustworthy)'}${cp.conflicted.length ? `; ${cp.conflicted.length} branch(es) conflicted and were left out` : ''}.`, '');
  }
  if (r.stopReason) lines.push(`Stopped early: ${mdCell(r.stopReason, 300)}.`, '');
  return lines;
}
