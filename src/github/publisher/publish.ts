import type { z } from 'zod';
import { AtqosError } from '../../core/index.js';
import type { Logger } from '../../plugin/contract.js';
import { PublishPlan } from '../publish-plan.js';
import { ensureCheckRun } from './check-runs.js';
import { ensureDashboard } from './dashboard.js';
import type { AtqosIssues } from './issue-index.js';
import { listAtqosIssues } from './issue-index.js';
import { ensureIssue } from './issues.js';
import { ATQOS_LABEL, ensureLabels } from './labels.js';
import { ensurePullRequest } from './pull-requests.js';
import type { PublisherOctokit } from './request.js';
import { GitHubApi } from './request.js';
import type { PublishResult } from './result.js';
import { ResultLog } from './result.js';

export interface PublishOptions {
  /** Make only GET requests and report what would be done. */
  dryRun?: boolean;
  log?: Logger;
  /** Least time between writes, ms (GitHub's secondary rate limits ask for ≥ 1 s). Default 1000. */
  paceMs?: number;
  /** Retries of a transient failure (5xx, 429, rate-limited 403). Default 3. */
  retries?: number;
  /** The clock used for pacing and backoff; injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Makes GitHub match the plan: labels, check runs, one issue per finding, one PR per task, the
 * dashboard. Idempotent: publishing the same plan twice writes nothing the second time. One
 * object failing does not stop the others; `result.ok` is false and `result.errors` says why.
 * Throws an AtqosError only when the plan itself is invalid.
 */
export async function publish(input: z.input<typeof PublishPlan>, octokit: PublisherOctokit, options: PublishOptions = {}): Promise<PublishResult> {
  const plan = parsePlan(input);
  const api = new GitHubApi(octokit, {
    dryRun: options.dryRun ?? false,
    paceMs: options.paceMs ?? 1000,
    retries: options.retries ?? 3,
    sleep: options.sleep ?? realSleep,
    ...(options.log ? { log: options.log } : {}),
  });
  const log = new ResultLog(api.dryRun);
  const { repo } = plan;
  const labels = [ATQOS_LABEL, ...plan.issues.filter((i) => i.state === 'open').flatMap((i) => i.labels), ...plan.pullRequests.flatMap((p) => p.labels), ...(plan.dashboard?.labels ?? [])];
  await ensureLabels(api, repo, labels, log);
  for (const check of plan.checkRuns) await guarded(log, 'check_run', check.name, () => ensureCheckRun(api, repo, check, log));

  let index: AtqosIssues;
  try {
    index = await listAtqosIssues(api, repo);
  } catch (err) {
    // Without the listing nothing can be matched; creating anyway would duplicate.
    const why = new AtqosError('publish_listing_failed', `could not list the existing ATQOS issues, so no issue or PR was touched: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
      hint: err instanceof AtqosError && err.hint ? err.hint : 'publish again',
    });
    for (const i of plan.issues) log.fail('issue', i.fingerprint, why);
    for (const p of plan.pullRequests) log.fail('pull_request', p.branch, why);
    if (plan.dashboard) log.fail('dashboard', 'dashboard', why);
    return log.result();
  }
  for (const issue of plan.issues) await guarded(log, 'issue', issue.fingerprint, () => ensureIssue(api, repo, issue, index, log));
  const budget = { opened: 0 };
  for (const pr of plan.pullRequests) await guarded(log, 'pull_request', pr.branch, () => ensurePullRequest(api, repo, pr, plan.limits, index, budget, log));
  const dashboard = plan.dashboard;
  if (dashboard) await guarded(log, 'dashboard', 'dashboard', () => ensureDashboard(api, repo, dashboard, index, log));
  const result = log.result();
  options.log?.info({ actions: result.actions.length, errors: result.errors.length, dryRun: result.dryRun }, 'published');
  return result;
}

async function guarded(log: ResultLog, kind: Parameters<ResultLog['fail']>[0], key: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    log.fail(kind, key, err);
  }
}

function parsePlan(input: unknown): PublishPlan {
  const parsed = PublishPlan.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new AtqosError('publish_plan_invalid', `the publish plan is invalid: ${problems}`, {
    hint: 'publish-plan.json must come from the same ATQOS version that publishes it; rerun the lane to write a fresh plan',
  });
}
