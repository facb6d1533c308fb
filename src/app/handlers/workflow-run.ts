import type { RepoRef } from '../../github/index.js';
import type { PublishedPlan } from '../notify/messages.js';
import { notifyRunFinished } from '../notify/notify-run.js';
import { WorkflowRunEvent, repoOf } from '../payloads.js';
import { parseRunTitle } from '../request-tag.js';
import type { HandlerContext, HandlerSettings } from './context.js';
import { publishRunArtifacts } from './publish-run.js';
import { reportProgress, stageOf } from './run-progress.js';

const PUBLISHED_CONCLUSIONS = new Set(['success', 'failure', 'neutral']);

/**
 * `workflow_run` of the ATQOS workflow. `requested` and `in_progress` move the dispatch's progress
 * reply or check run forward. `completed` publishes each `atqos-run-*` artifact's plan (for a run
 * that finished), finishes the progress, and sends the repo's notifications. Runs of a fork's own
 * workflow are ignored: they could forge a plan or a run name.
 */
export async function onWorkflowRun(ctx: HandlerContext, settings: HandlerSettings): Promise<void> {
  const event = WorkflowRunEvent.safeParse(ctx.payload);
  if (!event.success) return;
  const { workflow_run: run, workflow, repository, action } = event.data;
  if (!isAtqosWorkflow(run.path ?? workflow?.path, settings.workflowFile)) return;
  if (run.head_repository && run.head_repository.full_name.toLowerCase() !== repository.full_name.toLowerCase()) {
    ctx.log.warn({ runId: run.id, head: run.head_repository.full_name }, 'workflow run ignored: it ran a fork\'s workflow');
    return;
  }
  const repo = repoOf(repository);
  const title = parseRunTitle(run.display_title);
  let published: PublishedPlan[] = [];
  if (action === 'completed') published = await publishFinished(ctx, settings, repo, run);
  if (title) await reportProgress(ctx, settings, repo, title, { stage: stageOf(action), url: run.html_url, conclusion: run.conclusion, published });
  if (action !== 'completed') return;
  const config = await settings.repoConfig.get(ctx.octokit, repo, run.head_sha, ctx.log);
  const finished = { repo: repository.full_name, conclusion: run.conclusion ?? 'unknown', url: run.html_url, ...(title ? { command: title.command, lane: title.lane } : {}) };
  await notifyRunFinished(config.notify, finished, published, ctx.log, settings.metrics);
}

async function publishFinished(ctx: HandlerContext, settings: HandlerSettings, repo: RepoRef, run: WorkflowRunEvent['workflow_run']): Promise<PublishedPlan[]> {
  if (!PUBLISHED_CONCLUSIONS.has(run.conclusion ?? '')) {
    ctx.log.info({ runId: run.id, conclusion: run.conclusion }, 'workflow run not published: it did not finish');
    return [];
  }
  return publishRunArtifacts(ctx, settings, repo, run.id);
}

/** Matches `.github/workflows/<file>` (GitHub may append `@ref`). */
export function isAtqosWorkflow(path: string | undefined, workflowFile: string): boolean {
  if (!path) return false;
  const file = path.replace(/@.*$/, '');
  return file === `.github/workflows/${workflowFile}`;
}
