import { z } from 'zod';
import { AtqosError } from '../core/index.js';
import type { BuildPlanInput } from './plan-input.js';
import { PLAN_SCHEMA, PublishPlan } from './publish-plan.js';
import { acceptedTasks } from './render/accepted-task.js';
import { renderCheckRun } from './render/check-run.js';
import { planContext } from './render/context.js';
import { renderDashboard } from './render/dashboard.js';
import { renderIssues } from './render/issue.js';
import { renderPullRequest } from './render/pull-request.js';

const SHA = /^[0-9a-f]{40}$/;

/**
 * What should exist on GitHub after a finished run: pure (no clock, no network, no files), and
 * deterministic, so the same input gives byte-identical JSON. Throws an `AtqosError` for input
 * that cannot make a correct plan (a PR for a task that was not accepted, a malformed SHA).
 */
export function buildPublishPlan(input: BuildPlanInput): PublishPlan {
  checkInput(input);
  const ctx = planContext(input);
  const { maxAnnotations: _max, ...limits } = input.limits ?? {};
  const plan = {
    schema: PLAN_SCHEMA,
    runId: input.run.id,
    repo: { owner: input.repo.owner, repo: input.repo.repo },
    ...(input.reportUrl ? { reportUrl: input.reportUrl } : {}),
    checkRuns: [renderCheckRun(ctx)],
    issues: renderIssues(ctx),
    pullRequests: acceptedTasks(ctx).map((at) => ({ ...renderPullRequest(ctx, at), ...(at.fix.issueLinks?.length ? { issueLinks: at.fix.issueLinks } : {}) })),
    dashboard: renderDashboard(ctx),
    limits: { maxOpenPullRequests: 10, maxNewPullRequestsPerRun: 5, ...limits },
  };
  const parsed = PublishPlan.safeParse(plan);
  if (!parsed.success) {
    throw new AtqosError('plan_invalid', `the publish plan for run ${input.run.id} does not match its schema: ${z.prettifyError(parsed.error).slice(0, 2000)}`, {
      hint: 'this is a bug in ATQOS; report it with the run directory',
      cause: parsed.error,
    });
  }
  return parsed.data;
}

function checkInput(input: BuildPlanInput): void {
  const bad = (what: string, hint: string) => new AtqosError('plan_bad_input', `cannot plan publishing run ${input.run.id}: ${what}`, { hint });
  if (!SHA.test(input.headSha)) throw bad(`head SHA '${input.headSha.slice(0, 80)}' is not 40 lowercase hex digits`, 'pass the full commit SHA (`git rev-parse HEAD`)');
  if (input.run.baseSha !== undefined && !SHA.test(input.run.baseSha)) throw bad(`the run's base SHA '${input.run.baseSha.slice(0, 80)}' is not 40 lowercase hex digits`, 'record the full commit SHA in the run');
  if (!input.baseBranch.trim()) throw bad('the base branch is empty', 'pass the repository\'s default branch or the PR\'s base');
  if (!input.repo.owner || !input.repo.repo) throw bad('the repository owner or name is empty', 'pass `{ owner, repo }` from GITHUB_REPOSITORY');
  if (input.reportUrl !== undefined && !z.url({ protocol: /^https?$/ }).safeParse(input.reportUrl).success) {
    throw bad(`report URL '${input.reportUrl.slice(0, 200)}' is not an http(s) URL`, 'pass the artifact page URL, or leave it out');
  }
  if (input.accepted.length && input.run.baseSha === undefined) throw bad('fixes were accepted but the run has no base SHA', 'record the base SHA the fixes were made on');
  const branches = new Set<string>();
  for (const a of input.accepted) {
    if (branches.has(a.branch)) throw bad(`two accepted fixes share the branch ${a.branch}`, 'pass each accepted task once');
    branches.add(a.branch);
  }
}
