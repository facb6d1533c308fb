import { describeError } from '../../core/index.js';
import type { RepoRef } from '../../github/index.js';
import type { PublishedPlan } from '../notify/messages.js';
import { fallbackConclusion, findRequestCheck, updateCheck } from '../progress/check.js';
import type { Stage } from '../progress/reply.js';
import { advanceProgressReply } from '../progress/reply.js';
import type { RunTitle } from '../request-tag.js';
import type { HandlerContext, HandlerSettings } from './context.js';

/** The workflow run a progress update is about. */
export interface RunState {
  stage: Stage;
  url: string;
  conclusion: string | null;
  published: PublishedPlan[];
}

const STAGE_OF = { requested: 'queued', in_progress: 'running', completed: 'finished' } as const;
export const stageOf = (action: keyof typeof STAGE_OF): Stage => STAGE_OF[action];

/**
 * Shows a dispatched run's progress where its request tag says: its one reply (edited, never a
 * new comment) or its queued check run. Failures are logged and counted, never thrown: progress
 * must not stop publishing.
 */
export async function reportProgress(ctx: HandlerContext, settings: HandlerSettings, repo: RepoRef, title: RunTitle, run: RunState): Promise<void> {
  const { tag } = title;
  try {
    if (tag.thread !== undefined) {
      const status = { stage: run.stage, url: run.url, ...(run.conclusion ? { conclusion: run.conclusion } : {}), ...detail(run) };
      const outcome = await advanceProgressReply(ctx.octokit, repo, tag.thread, tag.id, await settings.identity.botLogin(), status);
      if (outcome === 'missing') ctx.log.warn({ request: tag.id, thread: tag.thread }, 'progress reply not found; nothing edited');
    } else if (tag.checkSha !== undefined && run.stage !== 'queued') {
      await advanceCheck(ctx, repo, title.lane, tag.checkSha, tag.id, run);
    }
  } catch (err) {
    settings.metrics.errors.inc({ where: 'progress' });
    ctx.log.warn({ request: tag.id, error: describeError(err) }, 'could not show the run\'s progress');
  }
}

async function advanceCheck(ctx: HandlerContext, repo: RepoRef, lane: string, sha: string, requestId: string, run: RunState): Promise<void> {
  const check = await findRequestCheck(ctx.octokit, repo, lane, sha, requestId);
  if (!check || check.status === 'completed') return;
  if (run.stage === 'running') {
    if (check.status === 'queued') await updateCheck(ctx.octokit, repo, check.id, { status: 'in_progress', details_url: run.url });
    return;
  }
  // The run ended but its plan did not complete the check (no plan, a cancelled run).
  const { conclusion, title } = fallbackConclusion(run.conclusion);
  await updateCheck(ctx.octokit, repo, check.id, {
    status: 'completed', conclusion, details_url: run.url,
    output: { title, summary: `See the [workflow run](${run.url}) for its log.` },
  });
}

const WORDS: Record<string, string> = { check_run: 'check run', issue: 'issue', pull_request: 'fix PR', dashboard: 'dashboard' };

function detail(run: RunState): { detail?: string } {
  if (run.stage !== 'finished' || !run.published.length) return {};
  const changed = run.published.flatMap((p) => p.result.actions).filter((a) => WORDS[a.kind] && a.action !== 'unchanged' && a.action !== 'skipped');
  if (!changed.length) return { detail: 'Nothing changed on GitHub.' };
  const byKind = new Map<string, number>();
  for (const a of changed) byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + 1);
  const parts = [...byKind].map(([kind, n]) => `${n} ${WORDS[kind]}${n === 1 ? '' : 's'}`);
  return { detail: `Published: ${parts.join(', ')}.` };
}
