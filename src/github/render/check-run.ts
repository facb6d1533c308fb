import type { Finding, TestCounts } from '../../core/index.js';
import type { CheckRunPlan } from '../publish-plan.js';
import { DEFAULT_MAX_ANNOTATIONS } from '../plan-input.js';
import { annotationsFor } from './annotations.js';
import type { PlanContext } from './context.js';
import { isFailing, plural } from './context.js';
import { cell, code, cut, GITHUB_TEXT_LIMIT, oneLine } from './markdown.js';

const FINDING_ROWS = 50;
const FIX_ACTION = { label: 'Fix with ATQOS', description: 'Let ATQOS agents fix the failing tests', identifier: 'atqos-fix' };

/** The check run `ATQOS / <lane>` on the head commit: a verdict, a summary and annotations. */
export function renderCheckRun(ctx: PlanContext): CheckRunPlan {
  const { input } = ctx;
  const red = !ctx.trusted || ctx.failing.length > 0 || input.run.conclusion === 'red';
  const max = input.limits?.maxAnnotations ?? DEFAULT_MAX_ANNOTATIONS;
  const { annotations, left } = annotationsFor(ctx.findings, max, input.reportUrl);
  const summary = [...summaryLines(ctx, red)];
  if (left) summary.push(`${plural(left, 'more finding')} with a location not annotated (limit ${max}); see the issues or the full report.`, '');
  const others = ctx.findings.filter((f) => !isFailing(f));
  return {
    name: oneLine(`ATQOS / ${input.run.lane}`, 100),
    headSha: input.headSha,
    status: 'completed',
    conclusion: red ? 'failure' : 'success',
    title: oneLine(checkTitle(ctx), 255),
    summary: cut(summary.join('\n'), GITHUB_TEXT_LIMIT, input.reportUrl),
    ...(others.length ? { text: cut(findingTable(`Other findings (${others.length})`, others).join('\n'), GITHUB_TEXT_LIMIT, input.reportUrl) } : {}),
    annotations,
    actions: fixable(ctx) ? [FIX_ACTION] : [],
    ...(input.reportUrl ? { detailsUrl: input.reportUrl } : {}),
    externalId: input.run.id,
  };
}

function checkTitle(ctx: PlanContext): string {
  const { run } = ctx.input;
  if (!ctx.trusted) {
    const why = run.status !== 'finished' ? `the run ${run.status === 'running' ? 'did not finish' : run.status}` : run.error ?? 'a tool or ATQOS failed';
    return `Run could not be trusted: ${why}`;
  }
  const tests = run.counts ? ` · ${testLine(run.counts)}` : '';
  if (ctx.failing.length) return `${plural(ctx.failing.length, 'failing finding')}${warnings(ctx)}${tests}`;
  return `No failing findings${warnings(ctx)}${tests}`;
}

function warnings(ctx: PlanContext): string {
  const n = ctx.findings.length - ctx.failing.length;
  return n ? `, ${plural(n, 'other finding')}` : '';
}

function testLine(c: TestCounts): string {
  const parts = [`${c.passed} passed`, c.failed && `${c.failed} failed`, c.errors && plural(c.errors, 'error'), c.skipped && `${c.skipped} skipped`];
  return `${plural(c.total, 'test')} (${parts.filter(Boolean).join(', ')})`;
}

/** Failing findings not already fixed by a PR of this run, and not a crashed tool. */
function fixable(ctx: PlanContext): boolean {
  const tasksById = new Map(ctx.input.tasks.map((t) => [t.id, t]));
  const covered = new Set(ctx.input.accepted.flatMap((a) => tasksById.get(a.taskId)?.findings ?? []));
  return ctx.failing.some((f) => f.kind !== 'tool_error' && !covered.has(f.fingerprint));
}

function* summaryLines(ctx: PlanContext, red: boolean): Generator<string> {
  const { run, reportUrl, checkpoint, stopReason, gone } = ctx.input;
  yield `## ${red ? '❌' : '✅'} ATQOS / ${cell(run.lane, 80)}`;
  yield '';
  yield `Run ${code(run.id, 80)} at \`${ctx.sha.slice(0, 12)}\`${reportUrl ? ` · [full report](${reportUrl})` : ''}`;
  yield '';
  if (!ctx.trusted) {
    yield `> [!WARNING]\n> This run could not be trusted (${run.status}${run.conclusion ? `, ${run.conclusion}` : ''})${run.error ? `: ${cell(run.error, 500)}` : ''}. Findings may be incomplete; no issue was closed.`;
    yield '';
  }
  if (run.counts) yield* countsTable(run.counts);
  else yield 'No test counts were reported.\n';
  if (ctx.failing.length) yield* findingTable(`Failing findings (${ctx.failing.length})`, ctx.failing);
  else yield 'No failing findings.\n';
  if (checkpoint) {
    yield `### Checkpoint\n\nFailing findings before → after the fixes: **${checkpoint.failingBefore} → ${checkpoint.failingAfter}** (fixed ${checkpoint.fixed.length}, introduced ${checkpoint.introduced.length})${checkpoint.trustworthy === false ? '; the checkpoint run was not trustworthy' : ''}.\n`;
  }
  if (stopReason) yield `### Stopped early\n\n${cell(stopReason, 500)}\n`;
  if (gone.length) yield ctx.trusted ? `${plural(gone.length, 'finding')} no longer seen; their issues are closed.\n` : `${plural(gone.length, 'finding')} not seen, but this run could not be trusted, so their issues stay open.\n`;
}

function* countsTable(c: TestCounts): Generator<string> {
  yield '| total | passed | failed | errors | skipped | xfailed | xpassed | duration |';
  yield '|---:|---:|---:|---:|---:|---:|---:|---:|';
  yield `| ${c.total} | ${c.passed} | ${c.failed} | ${c.errors} | ${c.skipped} | ${c.xfailed} | ${c.xpassed} | ${(c.durationMs / 1000).toFixed(2)} s |`;
  yield '';
}

function findingTable(heading: string, findings: readonly Finding[]): string[] {
  const rows = findings.slice(0, FINDING_ROWS).map((f) => {
    const where = f.scope.nodeId ?? (f.scope.file ? `${f.scope.file}${f.scope.line ? `:${f.scope.line}` : ''}` : f.tool);
    return `| ${f.severity} | ${f.kind} | ${cell(where, 100)} | ${cell(f.evidence.assertionMessage ?? f.message, 160)} |`;
  });
  const more = findings.length > FINDING_ROWS ? [`…and ${findings.length - FINDING_ROWS} more in the full report.`, ''] : [];
  return [`### ${heading}`, '', '| severity | kind | where | message |', '|---|---|---|---|', ...rows, '', ...more];
}
