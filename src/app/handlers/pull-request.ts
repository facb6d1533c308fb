import { describeError } from '../../core/index.js';
import { dispatchWorkflow } from '../dispatch.js';
import { isFork, PullRequestEvent, repoOf } from '../payloads.js';
import { createQueuedCheck, updateCheck } from '../progress/check.js';
import { newRequestId } from '../request-tag.js';
import type { HandlerContext, HandlerSettings } from './context.js';

const PR_LANE = 'pr';
const ACTIONS = new Set(['opened', 'synchronize', 'reopened']);

/**
 * `pull_request.opened|synchronize|reopened`: the PR lane. Creates the `ATQOS / pr` check run as
 * queued on the head commit, then dispatches `diagnose` on lane `pr`; the run's events move the
 * check to in progress and its publish plan completes it. Never for forks (their code runs only
 * after a maintainer's approval), and not when `autoDiagnosePullRequests` is off.
 */
export async function onPullRequest(ctx: HandlerContext, settings: HandlerSettings): Promise<void> {
  if (!settings.autoDiagnosePullRequests) return;
  const event = PullRequestEvent.safeParse(ctx.payload);
  if (!event.success || !ACTIONS.has(event.data.action)) return;
  const { pull_request: pr, repository, number } = event.data;
  if (isFork(pr)) {
    ctx.log.info({ pr: number }, 'no automatic diagnose for a fork PR');
    return;
  }
  const repo = repoOf(repository);
  const sha = pr.head.sha;
  const requestId = newRequestId();
  const checkId = await createQueuedCheck(ctx.octokit, repo, PR_LANE, sha, requestId);
  try {
    const { inputs } = await dispatchWorkflow(ctx.octokit, {
      ...repo, workflowFile: settings.workflowFile, ref: repository.default_branch, requestId, progress: { checkSha: sha },
      inputs: { command: 'diagnose', lane: PR_LANE, pr: String(number), sha },
    }, settings.metrics);
    ctx.log.info({ ...inputs }, 'workflow dispatched');
  } catch (err) {
    // A check left queued forever would block a required status; say why it never ran.
    settings.metrics.errors.inc({ where: 'dispatch' });
    ctx.log.warn({ error: describeError(err), pr: number }, 'workflow dispatch failed');
    await updateCheck(ctx.octokit, repo, checkId, {
      status: 'completed', conclusion: 'neutral',
      output: { title: 'ATQOS could not start', summary: `The ATQOS workflow could not be dispatched: ${describeError(err)}. Check that \`.github/workflows/${settings.workflowFile}\` exists on the default branch.` },
    });
  }
}
