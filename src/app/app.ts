import type { ApplicationFunction, Context } from 'probot';
import type { DeliveryMemory } from './deliveries.js';
import { onCheckRunAction } from './handlers/check-run.js';
import type { HandlerContext, HandlerSettings } from './handlers/context.js';
import { onIssueComment } from './handlers/issue-comment.js';
import { onPullRequest } from './handlers/pull-request.js';
import { onWorkflowRun } from './handlers/workflow-run.js';

type Handler = (ctx: HandlerContext, settings: HandlerSettings) => Promise<void>;

/** The ATQOS App: wires webhook events to handlers, each delivery handled once. */
export function atqosApp(settings: HandlerSettings, deliveries: DeliveryMemory): ApplicationFunction {
  return (app) => {
    const handle = (handler: Handler) => (context: Context) => once(deliveries, context, (ctx) => handler(ctx, settings));
    app.on('issue_comment.created', handle(onIssueComment));
    app.on('check_run.requested_action', handle(onCheckRunAction));
    app.on('workflow_run.completed', handle(onWorkflowRun));
    app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'], handle(onPullRequest));
  };
}

async function once(deliveries: DeliveryMemory, context: Context, run: (ctx: HandlerContext) => Promise<void>): Promise<void> {
  if (!deliveries.claim(context.id)) {
    context.log.info({ delivery: context.id, event: context.name }, 'delivery already handled; ignored');
    return;
  }
  try {
    await run({ payload: context.payload, octokit: context.octokit, log: context.log });
  } catch (err) {
    // Forget it so GitHub's redelivery (or a manual one) gets another try.
    deliveries.release(context.id);
    throw err;
  }
}
