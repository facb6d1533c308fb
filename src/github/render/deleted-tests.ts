import type { Finding, Task } from '../../core/index.js';
import type { PlanContext } from './context.js';
import { code, oneLine } from './markdown.js';

/** The label every PR that deletes a test carries, so reviewers can find (and branch rules can gate) them. */
export const DELETES_TEST_LABEL = 'atqos:deletes-test';

const TESTS_IN_TITLE = 3;

/** `Deletes obsolete test a::b` (or `tests a::b, c::d and 2 more`): the PR title says it plainly. */
export function deleteTitle(task: Task): string {
  const ids = task.targets.nodeIds;
  const shown = ids.slice(0, TESTS_IN_TITLE).join(', ');
  const more = ids.length > TESTS_IN_TITLE ? ` and ${ids.length - TESTS_IN_TITLE} more` : '';
  return `test(atqos): Deletes obsolete test${ids.length === 1 ? '' : 's'} ${shown}${more}`;
}

const text = (f: Finding | undefined, key: string): string | undefined => {
  const v = f?.evidence.details?.[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
};

function findingFor(ctx: PlanContext, task: Task, nodeId: string): Finding | undefined {
  const own = new Set(task.findings);
  const mine = ctx.findings.filter((f) => own.has(f.fingerprint));
  return mine.find((f) => f.scope.nodeId === nodeId) ?? mine[0];
}

/**
 * The section that opens a delete_test PR's body: that it deletes tests, and per test why it is
 * obsolete, when ATQOS quarantined it, and the evidence, from the finding that planned it.
 */
export function deletionSection(ctx: PlanContext, task: Task): string[] {
  const lines = [
    `**This pull request deletes ${task.targets.nodeIds.length === 1 ? 'a test' : `${task.targets.nodeIds.length} tests`}.** ATQOS quarantined ${task.targets.nodeIds.length === 1 ? 'it' : 'them'} long ago and ${task.targets.nodeIds.length === 1 ? 'it is' : 'they are'} still obsolete. Nothing else changes; review the deletion before merging.`,
    '',
  ];
  for (const nodeId of task.targets.nodeIds) {
    const f = findingFor(ctx, task, nodeId);
    const since = text(f, 'quarantinedSince');
    const commit = text(f, 'quarantineCommit');
    lines.push(
      `### Deletes obsolete test ${code(nodeId, 200)}`,
      '',
      `- **Why:** ${oneLine(text(f, 'stillObsolete') ?? 'see the finding below', 400)}`,
      `- **Quarantined:** ${since ? `since ${since} (${text(f, 'quarantineAgeDays') ?? '?'} days${commit ? `, commit ${code(commit.slice(0, 12))}` : ''}), marker reason ${code(text(f, 'markerReason') ?? 'not recorded', 300)}` : 'date not recorded'}`,
      `- **Evidence:** ${oneLine(f?.message ?? 'the finding was not seen in this run', 1_000)}`,
      '',
    );
  }
  return lines;
}
