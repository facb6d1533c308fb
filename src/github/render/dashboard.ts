import { FindingKind, Severity } from '../../core/index.js';
import type { DashboardPlan } from '../publish-plan.js';
import type { RunHistoryEntry } from '../plan-input.js';
import type { PlanContext } from './context.js';
import { fillLabels } from './context.js';
import { DASHBOARD_MARKER } from './markers.js';
import { cell, code, cut, GITHUB_TEXT_LIMIT } from './markdown.js';

const TASK_ROWS = 50;
const HISTORY_ROWS = 20;

/** The one dashboard issue per repo: open findings, this run's tasks, recent runs and a trend. */
export function renderDashboard(ctx: PlanContext): DashboardPlan {
  const body = [DASHBOARD_MARKER, '', ...header(ctx), ...findingMatrix(ctx), ...taskTable(ctx), ...recentRuns(ctx)].join('\n');
  return { title: 'ATQOS Dashboard', body: cut(body, GITHUB_TEXT_LIMIT, ctx.input.reportUrl), labels: fillLabels(ctx.labels.dashboard, {}) };
}

function header(ctx: PlanContext): string[] {
  const { run, reportUrl } = ctx.input;
  const verdict = !ctx.trusted ? '⚠️ could not be trusted' : ctx.failing.length ? '❌ failing' : '✅ no failing findings';
  return [
    '# ATQOS Dashboard',
    '',
    `Last run ${code(run.id)} (lane ${code(run.lane, 40)}) at \`${ctx.sha.slice(0, 12)}\`: ${verdict}${reportUrl ? ` · [full report](${reportUrl})` : ''}`,
    '',
  ];
}

function findingMatrix(ctx: PlanContext): string[] {
  if (ctx.findings.length === 0) return ['## Open findings', '', 'None. 🎉', ''];
  const counts = new Map<string, number>();
  for (const f of ctx.findings) counts.set(`${f.kind}/${f.severity}`, (counts.get(`${f.kind}/${f.severity}`) ?? 0) + 1);
  const sev = Severity.options;
  const rows = FindingKind.options
    .map((k) => ({ k, n: sev.map((s) => counts.get(`${k}/${s}`) ?? 0) }))
    .filter((r) => r.n.some((n) => n > 0))
    .map((r) => `| ${r.k} | ${r.n.join(' | ')} | ${r.n.reduce((a, b) => a + b, 0)} |`);
  const totals = sev.map((s) => ctx.findings.filter((f) => f.severity === s).length);
  return [
    `## Open findings (${ctx.findings.length})`,
    '',
    `| kind | ${sev.join(' | ')} | total |`,
    `|---|${sev.map(() => '---:').join('|')}|---:|`,
    ...rows,
    `| **total** | ${totals.join(' | ')} | ${ctx.findings.length} |`,
    '',
  ];
}

function taskTable(ctx: PlanContext): string[] {
  const { tasks, attempts, accepted } = ctx.input;
  if (tasks.length === 0) return ['## Tasks of this run', '', 'No tasks were planned.', ''];
  const tries = new Map<string, number>();
  for (const a of attempts) tries.set(a.taskId, (tries.get(a.taskId) ?? 0) + 1);
  const branches = new Map(accepted.map((a) => [a.taskId, a.branch]));
  const sorted = [...tasks].sort((a, b) => a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rows = sorted.slice(0, TASK_ROWS).map((t) => {
    const result = branches.has(t.id) ? `PR from \`${branches.get(t.id)}\`` : t.status;
    return `| ${cell(t.title, 100)} | ${t.type} | ${t.findings.length} | ${tries.get(t.id) ?? 0} | ${result} |`;
  });
  const more = tasks.length > TASK_ROWS ? [`…and ${tasks.length - TASK_ROWS} more.`, ''] : [];
  return [`## Tasks of this run (${tasks.length})`, '', '| task | type | findings | attempts | result |', '|---|---|---:|---:|---|', ...rows, '', ...more];
}

/** History plus the current run, oldest first, the last `HISTORY_ROWS` of them. */
export function runSeries(ctx: PlanContext): RunHistoryEntry[] {
  const { run, history = [] } = ctx.input;
  const current: RunHistoryEntry = { id: run.id, startedAt: run.startedAt, findingCount: ctx.findings.length, failingCount: ctx.failing.length, ...(run.counts ? { counts: run.counts } : {}) };
  const all = [...history.filter((h) => h.id !== run.id), current];
  all.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return all.slice(-HISTORY_ROWS);
}

function recentRuns(ctx: PlanContext): string[] {
  const series = runSeries(ctx);
  const rows = [...series].reverse().map((h) => {
    const c = h.counts;
    return `| ${code(h.id)} | ${cell(h.startedAt, 30)} | ${c ? `${c.total} | ${c.passed} | ${c.failed} | ${c.errors}` : '- | - | - | -'} | ${h.failingCount ?? '-'} | ${h.findingCount} |`;
  });
  return [
    '## Recent runs',
    '',
    '| run | started | tests | passed | failed | errors | failing findings | findings |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    ...trendChart(series),
  ];
}

/** A Mermaid `xychart-beta` line of failing findings per run (all findings when older runs lack the split). */
export function trendChart(series: readonly RunHistoryEntry[]): string[] {
  if (series.length < 2) return ['_The trend chart appears after the second run._', ''];
  const failingKnown = series.every((h) => h.failingCount !== undefined);
  const values = series.map((h) => (failingKnown ? (h.failingCount as number) : h.findingCount));
  const label = failingKnown ? 'failing findings' : 'findings';
  // Labels are dates from `startedAt` reduced to a safe charset: nothing untrusted reaches Mermaid.
  const xs = series.map((h, i) => `"${h.startedAt.slice(5, 16).replace('T', ' ').replace(/[^0-9: -]/g, '') || `#${i + 1}`}"`);
  return [
    '## Trend',
    '',
    '```mermaid',
    'xychart-beta',
    `  title "ATQOS ${label} per run"`,
    `  x-axis [${xs.join(', ')}]`,
    `  y-axis "${label}" 0 --> ${Math.max(1, ...values)}`,
    `  line [${values.join(', ')}]`,
    '```',
    '',
  ];
}
