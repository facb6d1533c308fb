import { mdCell } from './summary-md.js';
import { formatDuration, formatUsd } from './cost-rollup.js';
import type { CostRollup, CostTotals } from './cost-rollup.js';
import type { CoverageGain } from './coverage-gains.js';

interface View {
  skipped?: string;
  tasks?: { id: string; type: string; title: string; status: string; branch: string | null; reason?: string | null }[];
  attempts?: { task: string; n: number; agent: string; outcome?: string; reason?: string; guardsFailed?: string[]; cost?: CostTotals; durationMs?: number | null }[];
  cost?: CostRollup;
  checkpoint?: { failingBefore: number; failingAfter: number; integrationBranch: string; trustworthy: boolean; conflicted: { branch: string }[] } | null;
  stopReason?: string | null;
  coverageGains?: CoverageGain[];
}

/** The `atqos run` section of summary.md: every task's outcome and reason, before and after counts. */
export function remediationMarkdown(raw: Record<string, unknown>): string[] {
  const r = raw as View;
  if (r.skipped) return ['## Remediation', '', `Skipped: ${mdCell(r.skipped, 400)}`, ''];
  const lines = ['## Remediation', '', '| task | type | status | attempts | outcome |', '|---|---|---|---:|---|'];
  for (const t of r.tasks ?? []) {
    const attempts = (r.attempts ?? []).filter((a) => a.task === t.id);
    const last = attempts.at(-1);
    // The task's own reason (blocked, waiting for an agent, stopped by a budget) wins over its last attempt's.
    const why = t.status !== 'succeeded' && t.reason ? mdCell(t.reason, 240) : undefined;
    const outcome = t.status === 'succeeded' ? `branch \`${t.branch}\`` : why ?? (last ? `${last.outcome}: ${mdCell(last.reason ?? '', 200)}` : '-');
    lines.push(`| ${mdCell(t.title, 80)} | ${t.type} | ${t.status} | ${attempts.length} | ${outcome} |`);
  }
  lines.push('');
  lines.push(...attemptLines(r));
  lines.push(...coverageGainLines(r.coverageGains ?? []));
  const cp = r.checkpoint;
  if (cp) {
    lines.push(`Checkpoint on \`${cp.integrationBranch}\`: failing findings **${cp.failingBefore} → ${cp.failingAfter}**${cp.trustworthy ? '' : ' (the checkpoint run was not trustworthy)'}${cp.conflicted.length ? `; ${cp.conflicted.length} branch(es) conflicted and were left out` : ''}.`, '');
  }
  if (r.stopReason) lines.push(`Stopped early: ${mdCell(r.stopReason, 300)}.`, '');
  return lines;
}

/** One row per attempt (agent, duration, cost) and the run's total spend. */
function attemptLines(r: View): string[] {
  const attempts = r.attempts ?? [];
  if (attempts.length === 0) return [];
  const titles = new Map((r.tasks ?? []).map((t) => [t.id, t.title]));
  const lines = ['| task | attempt | agent | duration | cost | turns | outcome |', '|---|---:|---|---:|---:|---:|---|'];
  for (const a of attempts) {
    const turns = a.cost?.turns === undefined ? '-' : String(a.cost.turns);
    lines.push(`| ${mdCell(titles.get(a.task) ?? a.task, 60)} | ${a.n} | ${mdCell(a.agent, 40)} | ${formatDuration(a.durationMs ?? undefined)} | ${formatUsd(a.cost?.usd)} | ${turns} | ${mdCell(a.outcome ?? '-', 40)} |`);
  }
  lines.push('', totalLine(r.cost), '');
  return lines;
}

function totalLine(cost: CostRollup | undefined): string {
  if (!cost) return 'Total agent cost: not recorded.';
  const tokens = cost.inputTokens === undefined && cost.outputTokens === undefined ? '' : `, ${cost.inputTokens ?? 0} input / ${cost.outputTokens ?? 0} output tokens`;
  const turns = cost.turns === undefined ? '' : `, ${cost.turns} turns`;
  const agents = Object.entries(cost.byAgent).map(([id, c]) => `${mdCell(id, 40)} ${formatUsd(c.usd)}`).join(', ');
  const usd = cost.usd === undefined ? 'no cost reported' : formatUsd(cost.usd);
  return `Total agent cost: **${usd}**${tokens}${turns}${agents ? ` (${agents})` : ''}.`;
}

const pct = (n: number) => `${n.toFixed(2)}%`;
const signed = (n: number, unit = '') => `${n > 0 ? '+' : ''}${n}${unit}`;

/** "Coverage gain per task": the module each add_test targeted, measured before and after. */
export function coverageGainLines(gains: readonly CoverageGain[]): string[] {
  if (gains.length === 0) return [];
  const lines = ['### Coverage gain per task', '', '| task | module | before | after | gain | new tests | runs passed | kept |', '|---|---|---:|---:|---:|---|---:|---|'];
  for (const g of gains) {
    const tests = g.newTests.length ? g.newTests.slice(0, 5).map((t) => mdCell(t, 80)).join(', ') + (g.newTests.length > 5 ? ` and ${g.newTests.length - 5} more` : '') : '-';
    lines.push(`| ${mdCell(g.title, 60)} | ${mdCell(g.module, 80)} | ${pct(g.before.percent)} (${g.before.covered}/${g.before.statements}) | ${pct(g.after.percent)} (${g.after.covered}/${g.after.statements}) | ${signed(g.gain.percent, ' pts')}, ${signed(g.gain.covered)} lines | ${tests} | ${g.runs.passed}/${g.runs.total} | ${g.accepted ? 'yes' : 'no'} |`);
  }
  const excluded = [...new Set(gains.flatMap((g) => g.excluded))];
  if (excluded.length) lines.push('', `Left out of the regression checks as already known to be flaky: ${excluded.map((e) => mdCell(e, 120)).join(', ')}.`);
  lines.push('');
  return lines;
}
