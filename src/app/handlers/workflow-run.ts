import { describeError } from '../../core/index.js';
import type { RepoRef } from '../../github/index.js';
import { publish, PublishPlan } from '../../github/index.js';
import { WorkflowRunEvent, repoOf } from '../payloads.js';
import type { RunArtifact } from '../run-artifact.js';
import { listRunArtifacts, readPlanText } from '../run-artifact.js';
import type { HandlerContext, HandlerSettings } from './context.js';

/** At most this many plans are published per workflow run (one per matrix job at most). */
const MAX_PLANS_PER_RUN = 10;
const PUBLISHED_CONCLUSIONS = new Set(['success', 'failure', 'neutral']);

/**
 * `workflow_run.completed` of the ATQOS workflow: downloads each `atqos-run-*` artifact, reads
 * its publish-plan.json and publishes it. A missing or invalid plan, or one for another
 * repository, is logged as a warning and nothing is written.
 */
export async function onWorkflowRun(ctx: HandlerContext, settings: HandlerSettings): Promise<void> {
  const event = WorkflowRunEvent.safeParse(ctx.payload);
  if (!event.success) return;
  const { workflow_run: run, workflow, repository } = event.data;
  if (!isAtqosWorkflow(run.path ?? workflow?.path, settings.workflowFile)) return;
  const runId = run.id;
  if (!PUBLISHED_CONCLUSIONS.has(run.conclusion ?? '')) {
    ctx.log.info({ runId, conclusion: run.conclusion }, 'workflow run not published: it did not finish');
    return;
  }
  // A run of a fork's own code (a pull_request run from a fork) could forge its plan.
  if (run.head_repository && run.head_repository.full_name.toLowerCase() !== repository.full_name.toLowerCase()) {
    ctx.log.warn({ runId, head: run.head_repository.full_name }, 'workflow run not published: it ran a fork\'s workflow');
    return;
  }
  const repo = repoOf(repository);
  const artifacts = await listRunArtifacts(ctx.octokit, repo, runId);
  if (!artifacts.length) ctx.log.warn({ runId }, 'workflow run has no atqos-run-* artifact; nothing published');
  for (const artifact of artifacts.slice(0, MAX_PLANS_PER_RUN)) await publishArtifact(ctx, settings, repo, artifact);
}

async function publishArtifact(ctx: HandlerContext, settings: HandlerSettings, repo: RepoRef, artifact: RunArtifact): Promise<void> {
  const plan = await loadPlan(ctx, repo, artifact);
  if (!plan) return;
  if (plan.repo.owner.toLowerCase() !== repo.owner.toLowerCase() || plan.repo.repo.toLowerCase() !== repo.repo.toLowerCase()) {
    ctx.log.warn({ artifact: artifact.name, planRepo: `${plan.repo.owner}/${plan.repo.repo}`, repo: `${repo.owner}/${repo.repo}` }, 'publish plan is for another repository; nothing published');
    return;
  }
  // The plan's own spelling may differ in case; publish to the repository the event came from.
  const result = await publish({ ...plan, repo }, ctx.octokit, { paceMs: settings.paceMs, log: ctx.log });
  const log = result.ok ? ctx.log.info.bind(ctx.log) : ctx.log.warn.bind(ctx.log);
  log({ artifact: artifact.name, runId: plan.runId, actions: result.actions.length, errors: result.errors }, 'publish plan carried out');
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

/** Matches `.github/workflows/<file>` (GitHub may append `@ref`). */
export function isAtqosWorkflow(path: string | undefined, workflowFile: string): boolean {
  if (!path) return false;
  const file = path.replace(/@.*$/, '');
  return file === `.github/workflows/${workflowFile}`;
}
