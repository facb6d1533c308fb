import type { Finding, TestCounts } from '../core/index.js';
import type { ReportInput } from './report-input.js';
import { remediationMarkdown } from './remediation-md.js';

const ICON = { green: '✅', red: '❌', error: '⚠️' } as const;
const SEVERITY_ORDER = ['blocker', 'high', 'medium', 'low'] as const;

/** Markdown cells must not break the table or smuggle markup from test output. */
export function mdCell(text: string, max = 120): string {
  // Control characters (terminal escapes from test output) never reach a reader's terminal.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const one = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '').replace(/\s+/g, ' ').trim();
  const cut = one.length > max ? `${one.slice(0, max - 1)}…` : one;
  return cut.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

function headline(input: ReportInput): string {
  const c = input.run.conclusion ?? 'error';
  const what = { green: 'all clear', red: 'problems found', error: 'could not diagnose reliably' }[c];
  return `# ${ICON[c]} ATQOS ${input.run.command}: ${what}`;
}

function countsTable(counts: TestCounts): string[] {
  const cols: [string, number][] = [
    ['total', counts.total], ['passed', counts.passed], ['failed', counts.failed], ['errors', counts.errors],
    ['skipped', counts.skipped], ['xfailed', counts.xfailed], ['xpassed', counts.xpassed],
  ];
  return [
    `| ${cols.map(([k]) => k).join(' | ')} | duration |`,
    `|${cols.map(() => '---:').join('|')}|---:|`,
    `| ${cols.map(([, v]) => v).join(' | ')} | ${(counts.durationMs / 1000).toFixed(2)} s |`,
  ];
}

function findingRows(findings: readonly Finding[]): string[] {
  const sorted = [...findings].sort(
    (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.title.localeCompare(b.title),
  );
  return [
    '| severity | kind | category | where | message |',
    '|---|---|---|---|---|',
    ...sorted.map((f) => {
      const where = f.scope.nodeId ?? (f.scope.file ? `${f.scope.file}${f.scope.line ? `:${f.scope.line}` : ''}` : f.tool);
      return `| ${f.severity} | ${f.kind} | ${f.category} | ${mdCell(where, 90)} | ${mdCell(f.message)} |`;
    }),
  ];
}

/** `reports/summary.md`: the run at a glance for a person (job summary, PR comment, terminal). */
export function buildSummaryMarkdown(input: ReportInput, counts: TestCounts): string {
  const lines = [headline(input), '', `Run \`${input.run.id}\` · lane \`${input.run.lane}\`${input.run.baseSha ? ` · \`${input.run.baseSha.slice(0, 12)}\`` : ''}`, ''];
  lines.push(...countsTable(counts), '');
  for (const t of input.tools.filter((x) => !x.trustworthy || x.notes.length)) {
    lines.push(`**${t.plugin}**${t.trustworthy ? '' : ' — not trustworthy'}: ${t.notes.map((n) => mdCell(n, 300)).join('; ') || 'no details'}`, '');
  }
  if (input.findings.length) lines.push(`## Findings (${input.findings.length})`, '', ...findingRows(input.findings), '');
  else lines.push('No findings.', '');
  if (input.tasks.length) {
    lines.push(`## Planned tasks (${input.tasks.length})`, '');
    for (const t of input.tasks) lines.push(`- \`${t.type}\` ${mdCell(t.title, 160)} (${t.findings.length} finding${t.findings.length === 1 ? '' : 's'})`);
    lines.push('');
  }
  if (input.remediation) lines.push(...remediationMarkdown(input.remediation));
  lines.push('Details: `findings.json`, `reports/qa-report.json`, `reports/test-summary.json`, raw tool output under `raw/`.', '');
  return lines.join('\n');
}
