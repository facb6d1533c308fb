import { dispatchWorkflow } from '../dispatch.js';
import { PushEvent, repoOf } from '../payloads.js';
import type { HandlerContext, HandlerSettings } from './context.js';

const HEALTH_LANE = 'health';
const SHA = /^[0-9a-f]{40}$/;
const DELETED = '0'.repeat(40);

/**
 * `push` to the default branch: the health lane (`diagnose`) on the pushed commit. Pushes to other
 * branches, tags and deletions are ignored, and so are the App's own pushes, which would
 * otherwise start a run per fix it lands.
 */
export async function onPush(ctx: HandlerContext, settings: HandlerSettings): Promise<void> {
  const event = PushEvent.safeParse(ctx.payload);
  if (!event.success) return;
  const { ref, after, deleted, repository, sender } = event.data;
  if (ref !== `refs/heads/${repository.default_branch}` || deleted || after === DELETED || !SHA.test(after)) return;
  // Comparing the exact App login is enough to avoid a loop; it decides no permission.
  if (sender.type === 'Bot' && sender.login === (await settings.identity.botLogin())) {
    ctx.log.info({ sha: after }, 'push by ATQOS itself; no run');
    return;
  }
  const { inputs } = await dispatchWorkflow(ctx.octokit, {
    ...repoOf(repository), workflowFile: settings.workflowFile, ref: repository.default_branch,
    inputs: { command: 'diagnose', lane: HEALTH_LANE, pr: '', sha: after },
  }, settings.metrics);
  ctx.log.info({ ...inputs, pusher: sender.login }, 'workflow dispatched');
}
