import type { ApplicationFunction, Context } from 'probot';
import type { DeliveryMemory } from './deliveries.js';
import type { WorkQueue } from './work-queue.js';
import { onCheckRunAction } from './handlers/check-run.js';
import type { HandlerContext, HandlerSettings } from './handlers/context.js';
import { onIssueComment } from './handlers/issue-comment.js';
import { onPullRequest } from './handlers/pull-request.js';
import { onPush } from './handlers/push.js';
import { onWorkflowRun } from './handlers/workflow-run.js';

type Handler = (ctx: HandlerContext, settings: HandlerSettings) => Promise<void>;

/**
 * The ATQOS App: wires webhook events to handlers, each delivery handled once. With a queue,
 * handlers run after GitHub got its response (GitHub wants one within 10 s, and a handler makes
 * several API calls); without one, before it (the specs' choice: they assert after the response).
 */
export function atqosApp(settings: HandlerSettings, deliveries: DeliveryMemory, queue?: WorkQueue): ApplicationFunction {
  return (app) => {
    const handle = (handler: Handler) => (context: Context) => {
      const job = () => once(deliveries, settings, context, (ctx) => handler(ctx, settings));
      if (!queue) return job();
      return queue.submit(() => job().catch((err: unknown) => context.log.error({ err, delivery: context.id, event: context.name }, 'webhook handling failed')));
    };
    app.on('issue_comment.created', handle(onIssueComment));
    app.on('check_run.requested_action', handle(onCheckRunAction));
    app.on(['workflow_run.requested', 'workflow_run.in_progress', 'workflow_run.completed'], handle(onWorkflowRun));
    app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'], handle(onPullRequest));
    app.on('push', handle(onPush));
  };
}

async function once(deliveries: DeliveryMemory, settings: HandlerSettings, context: Context, run: (ctx: HandlerContext) => Promise<void>): Promise<void> {
  if (!deliveries.claim(context.id)) {
    settings.metrics.note(context.id, 'duplicate');
    context.log.info({ delivery: context.id, event: context.name }, 'delivery already handled; ignored');
    return;
  }
  try {
    await run({ payload: context.payload, octokit: context.octokit, log: context.log });
    settings.metrics.note(context.id, 'handled');
  } catch (err) {
    settings.metrics.note(context.id, 'error');
    settings.metrics.errors.inc({ where: context.name });
    // Forget it so GitHub's redelivery (or a manual one) gets another try.
    deliveries.release(context.id);
    throw err;
  }
}
