import { dispatchWorkflow } from '../dispatch.js';
import { isFork, PullRequestEvent, repoOf } from '../payloads.js';
import type { HandlerContext, HandlerSettings } from './context.js';

/**
 * `pull_request.opened|synchronize`: when `autoDiagnosePullRequests` is on, dispatches `diagnose`
 * on lane `pr`. Never for forks: their code runs only after a maintainer's approval.
 */
export async function onPullRequest(ctx: HandlerContext, settings: HandlerSettings): Promise<void> {
  if (!settings.autoDiagnosePullRequests) return;
  const event = PullRequestEvent.safeParse(ctx.payload);
  if (!event.success || !['opened', 'synchronize', 'reopened'].includes(event.data.action)) return;
  const { pull_request: pr, repository, number } = event.data;
  if (isFork(pr)) {
    ctx.log.info({ pr: number }, 'no automatic diagnose for a fork PR');
    return;
  }
  const inputs = { command: 'diagnose' as const, lane: 'pr', pr: String(number), sha: pr.head.sha };
  await dispatchWorkflow(ctx.octokit, repoOf(repository), settings.workflowFile, repository.default_branch, inputs);
  ctx.log.info(inputs, 'workflow dispatched');
}
