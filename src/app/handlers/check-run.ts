import { DEFAULT_LANE } from '../commands.js';
import { dispatchWorkflow } from '../dispatch.js';
import { CheckRunActionEvent, repoOf } from '../payloads.js';
import { canWrite } from '../permission.js';
import type { HandlerContext, HandlerSettings } from './context.js';

/** The identifier of the "Fix with ATQOS" button the Publisher puts on check runs. */
export const FIX_ACTION_IDENTIFIER = 'atqos-fix';
const CHECK_NAME = /^ATQOS \/ ([a-z][a-z0-9_-]{0,39})$/;

/**
 * `check_run.requested_action` "Fix with ATQOS": dispatches `run` for the check's head commit.
 * A writer pressing the button on one commit's check is the approval for that commit, forks
 * included: the button is pinned to the SHA the check was made for.
 */
export async function onCheckRunAction(ctx: HandlerContext, settings: HandlerSettings): Promise<void> {
  const event = CheckRunActionEvent.safeParse(ctx.payload);
  if (!event.success || event.data.requested_action.identifier !== FIX_ACTION_IDENTIFIER) return;
  const { check_run: check, sender, repository } = event.data;
  const repo = repoOf(repository);
  if (!(await canWrite(ctx.octokit, repo, sender.login))) {
    // No reply: a check run has no thread to answer in.
    ctx.log.warn({ login: sender.login, sha: check.head_sha }, 'fix button refused: no write access');
    return;
  }
  const lane = CHECK_NAME.exec(check.name)?.[1] ?? DEFAULT_LANE;
  const pr = check.pull_requests[0]?.number;
  const { inputs } = await dispatchWorkflow(ctx.octokit, {
    ...repo, workflowFile: settings.workflowFile, ref: repository.default_branch,
    inputs: { command: 'run', lane, pr: pr === undefined ? '' : String(pr), sha: check.head_sha },
  }, settings.metrics);
  ctx.log.info({ ...inputs, login: sender.login }, 'workflow dispatched');
}
