import type { Task } from '../../core/index.js';
import type { AcceptedTask } from './accepted-task.js';
import type { PullRequestPlan } from '../publish-plan.js';
import type { PlanContext } from './context.js';
import { fillLabels } from './context.js';
import type { PullRequestMeta } from './markers.js';
import { metaComment, taskMarker } from './markers.js';
import { cell, code, cut, GITHUB_TEXT_LIMIT, oneLine } from './markdown.js';
import { costText, metaFor } from './pr-meta.js';
import { validationRows } from './validation-rows.js';
import { deleteTitle, deletionSection, DELETES_TEST_LABEL } from './deleted-tests.js';

const FINDINGS_LISTED = 30;

/** The PR for one accepted task: title, body (table, marker, hidden JSON), labels and the commit. */
export function renderPullRequest(ctx: PlanContext, at: AcceptedTask): PullRequestPlan {
  const { run, baseBranch, reportUrl } = ctx.input;
  const meta = metaFor(run.id, at);
  // The marker and hidden JSON are appended after the cut so that no cut can damage them.
  const tail = `\n\n${taskMarker(at.fix.branch)}\n${metaComment(meta)}\n`;
  // A deletion says so in its title and first lines, and carries a label of its own for review.
  const deletes = at.task.type === 'delete_test';
  const labels = fillLabels(ctx.labels.pullRequest, { type: at.task.type });
  return {
    taskId: at.task.id,
    branch: at.fix.branch,
    base: baseBranch,
    baseSha: run.baseSha as string,
    title: oneLine(deletes ? deleteTitle(at.task) : `fix(atqos): ${at.task.title}`, 256),
    body: `${cut(visibleBody(ctx, at, meta), GITHUB_TEXT_LIMIT - tail.length, reportUrl)}${tail}`,
    labels: deletes ? [...new Set([...labels, DELETES_TEST_LABEL])] : labels,
    commitMessage: at.fix.commitMessage,
    files: at.fix.files,
    // A quarantine does not fix its finding: merging it must not close the finding's issue.
    fixes: at.task.type === 'quarantine' ? [] : [...at.task.findings],
    refs: at.task.type === 'quarantine' ? [...at.task.findings] : [],
    draft: false,
  };
}

function visibleBody(ctx: PlanContext, at: AcceptedTask, meta: PullRequestMeta): string {
  const v = meta.validation;
  const rows: [string, string][] = [
    ['Run', code(meta.runId)],
    ['Task', `${code(meta.taskId)} ${cell(at.task.title, 160)}`],
    ['Type', meta.type],
    ['Findings', shortFingerprints(at.task.findings)],
    ['Agent', meta.agent ? `${cell(meta.agent, 60)}${meta.model ? ` (${cell(meta.model, 60)})` : ''}` : 'not reported'],
    ['Attempts', `${meta.attempts.n} of ${meta.attempts.max}`],
    ...validationRows(v),
    ...v.commands.map((c, i): [string, string] => [`Command ${i + 1}`, code(c, 300)]),
    ['Guards passed', meta.guardsPassed.length ? meta.guardsPassed.map((g) => cell(g, 60)).join(', ') : 'none recorded'],
    ['Diff', `${meta.diffStat.files} file(s), +${meta.diffStat.insertions} −${meta.diffStat.deletions}`],
    ['Cost', costText(meta.cost)],
  ];
  return [
    ...(at.task.type === 'delete_test' ? deletionSection(ctx, at.task) : []),
    intro(at, meta),
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([k, val]) => `| ${k} | ${val} |`),
    '',
    ...findingList(ctx, at.task),
    ctx.input.reportUrl ? `[Full report](${ctx.input.reportUrl})` : '',
  ].join('\n');
}

function shortFingerprints(fps: readonly string[]): string {
  const shown = fps.slice(0, FINDINGS_LISTED).map((f) => `\`${f.slice(0, 12)}\``).join(', ');
  return fps.length > FINDINGS_LISTED ? `${shown} and ${fps.length - FINDINGS_LISTED} more` : shown;
}

function findingList(ctx: PlanContext, task: Task): string[] {
  const byFp = new Map(ctx.findings.map((f) => [f.fingerprint, f]));
  const items = task.findings.slice(0, FINDINGS_LISTED).map((fp) => {
    const f = byFp.get(fp);
    return `- \`${fp.slice(0, 12)}\` ${f ? `${f.kind}: ${cell(f.title, 160)}` : '(not seen in this run)'}`;
  });
  return items.length ? ['### Findings', '', ...items, ''] : [];
}

function intro(at: AcceptedTask, meta: PullRequestMeta): string {
  const what = at.task.findings.length === 1 ? 'a finding' : `${at.task.findings.length} findings`;
  if (at.task.type === 'quarantine') {
    return `ATQOS quarantined the test(s) of ${what} of run ${code(meta.runId)} and validated the change: they keep running and reporting in full lanes but no longer fail a run. This does not fix them: the PR refers to the finding's issue rather than closing it, and the quarantine is re-evaluated after \`plugins.flaky.quarantineDays\` (or, for an obsolete test, ends in a deletion PR). Please review before merging.`;
  }
  return `ATQOS fixed ${what} of run ${code(meta.runId)} and validated the fix. Please review before merging.`;
}
