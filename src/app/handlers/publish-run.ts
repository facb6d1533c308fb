import { describeError } from '../../core/index.js';
import type { RepoRef } from '../../github/index.js';
import { publish, PublishPlan } from '../../github/index.js';
import type { PublishedPlan } from '../notify/messages.js';
import type { RunArtifact } from '../run-artifact.js';
import { listRunArtifacts, readPlanText } from '../run-artifact.js';
import type { HandlerContext, HandlerSettings } from './context.js';

/** At most this many plans are published per workflow run (one per matrix job at most). */
const MAX_PLANS_PER_RUN = 10;

/**
 * Downloads each `atqos-run-*` artifact of a workflow run, reads its publish-plan.json and
 * publishes it. A missing or invalid plan, or one for another repository, is logged as a warning
 * and nothing is written for it. Returns what was published.
 */
export async function publishRunArtifacts(ctx: HandlerContext, settings: HandlerSettings, repo: RepoRef, runId: number): Promise<PublishedPlan[]> {
  const artifacts = await listRunArtifacts(ctx.octokit, repo, runId);
  if (!artifacts.length) ctx.log.warn({ runId }, 'workflow run has no atqos-run-* artifact; nothing published');
  const published: PublishedPlan[] = [];
  for (const artifact of artifacts.slice(0, MAX_PLANS_PER_RUN)) {
    const done = await publishArtifact(ctx, settings, repo, artifact);
    if (done) published.push(done);
  }
  return published;
}

async function publishArtifact(ctx: HandlerContext, settings: HandlerSettings, repo: RepoRef, artifact: RunArtifact): Promise<PublishedPlan | undefined> {
  const plan = await loadPlan(ctx, repo, artifact);
  if (!plan) return undefined;
  if (plan.repo.owner.toLowerCase() !== repo.owner.toLowerCase() || plan.repo.repo.toLowerCase() !== repo.repo.toLowerCase()) {
    ctx.log.warn({ artifact: artifact.name, planRepo: `${plan.repo.owner}/${plan.repo.repo}`, repo: `${repo.owner}/${repo.repo}` }, 'publish plan is for another repository; nothing published');
    return undefined;
  }
  // The plan's own spelling may differ in case; publish to the repository the event came from.
  const result = await publish({ ...plan, repo }, ctx.octokit, { paceMs: settings.paceMs, log: ctx.log });
  settings.metrics.recordPublish(result);
  const log = result.ok ? ctx.log.info.bind(ctx.log) : ctx.log.warn.bind(ctx.log);
  log({ artifact: artifact.name, runId: plan.runId, actions: result.actions.length, errors: result.errors }, 'publish plan carried out');
  return { plan, result };
}

async function loadPlan(ctx: HandlerContext, repo: RepoRef, artifact: RunArtifact): Promise<PublishPlan | undefined> {
  let text: string;
  try {
    text = await readPlanText(ctx.octokit, repo, artifact);
  } catch (err) {
    ctx.log.warn({ artifact: artifact.name, error: describeError(err) }, 'could not read the publish plan; nothing published');
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    ctx.log.warn({ artifact: artifact.name, error: describeError(err) }, 'publish-plan.json is not JSON; nothing published');
    return undefined;
  }
  const parsed = PublishPlan.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    ctx.log.warn({ artifact: artifact.name, problems }, 'publish-plan.json is invalid; nothing published');
    return undefined;
  }
  return parsed.data;
}
