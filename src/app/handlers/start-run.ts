import { describeError } from '../../core/index.js';
import type { RepoRef } from '../../github/index.js';
import type { DispatchRequest } from '../dispatch.js';
import { dispatchWorkflow, workflowRunsUrl } from '../dispatch.js';
import { httpStatus } from '../octokit.js';
import { editReply, postProgressReply, progressBody } from '../progress/reply.js';
import { newRequestId } from '../request-tag.js';
import type { HandlerContext, HandlerSettings } from './context.js';

/**
 * Dispatches a run asked for in a thread, with its one progress reply: the reply is posted first
 * (queued, with the request marker) so the run's first `workflow_run` event always finds it, and
 * is edited to say so if the dispatch fails. A failed dispatch is not thrown: a redelivery would
 * post a second reply; the user can simply comment again.
 */
export async function startRunWithReply(ctx: HandlerContext, settings: HandlerSettings, repo: RepoRef, thread: number, header: string, request: Omit<DispatchRequest, 'owner' | 'repo' | 'workflowFile' | 'progress' | 'requestId'>): Promise<void> {
  const requestId = newRequestId();
  const runsUrl = workflowRunsUrl(repo, settings.workflowFile);
  const replyId = await postProgressReply(ctx.octokit, repo, thread, progressBody(header, requestId, { stage: 'queued', url: runsUrl }));
  try {
    const { inputs } = await dispatchWorkflow(ctx.octokit, { ...repo, ...request, workflowFile: settings.workflowFile, progress: { thread }, requestId }, settings.metrics);
    ctx.log.info({ ...inputs, thread }, 'workflow dispatched');
  } catch (err) {
    settings.metrics.errors.inc({ where: 'dispatch' });
    ctx.log.warn({ error: describeError(err), thread }, 'workflow dispatch failed');
    const detail = `The workflow could not be started${httpStatus(err) ? ` (HTTP ${httpStatus(err)})` : ''}: check that \`.github/workflows/${settings.workflowFile}\` exists on the default branch and has a \`workflow_dispatch\` trigger, then comment the command again.`;
    await editReply(ctx.octokit, repo, replyId, progressBody(header, requestId, { stage: 'finished', url: runsUrl, conclusion: 'not started', detail }));
  }
}
