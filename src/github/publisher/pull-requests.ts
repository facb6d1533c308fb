import { z } from 'zod';
import type { PublishPlan, PullRequestPlan, RepoRef } from '../publish-plan.js';
import { ensureFixBranch } from './git-data.js';
import type { AtqosIssues } from './issue-index.js';
import { issueChanges } from './issue-index.js';
import { linkIssues } from './issue-links.js';
import { ATQOS_LABEL } from './labels.js';
import type { GitHubApi } from './request.js';
import type { ResultLog } from './result.js';
import { GhPull, parseResponse } from './shapes.js';

const MAX_BODY = 65_535;

/** New PRs opened during this publish; the per-run cap counts them. */
export interface PullRequestBudget {
  opened: number;
}

/**
 * One PR per task on its stable branch. A PR a maintainer closed or merged is left alone (its
 * branch too); a new one is opened only within the plan's limits; an open one is kept current.
 */
export async function ensurePullRequest(api: GitHubApi, repo: RepoRef, plan: PullRequestPlan, limits: PublishPlan['limits'], index: AtqosIssues, budget: PullRequestBudget, log: ResultLog): Promise<void> {
  const key = plan.branch;
  const listed = await api.get('GET /repos/{owner}/{repo}/pulls', { ...repo, head: `${repo.owner}:${plan.branch}`, state: 'all', per_page: 100 });
  const pulls = parseResponse(z.array(GhPull), listed, 'listing pull requests');
  const open = pulls.find((p) => p.state === 'open');
  if (!open) {
    const skip = whySkip(pulls, limits, index, budget);
    if (skip) {
      log.add({ kind: 'pull_request', key, action: 'skipped', ...skip });
      return;
    }
  }
  // The issues exist by now (issues are ensured before PRs): their URLs go into the fix's code.
  const linked = linkIssues(plan, index.urls, index.numbers);
  const branch = await ensureFixBranch(api, repo, { ...plan, files: linked.files });
  log.add({ kind: 'branch', key, action: branch });
  const body = withIssueRefs(withFixes(withNotes(plan.body, linked.lines), plan.fixes, index.numbers), 'Refs', plan.refs, index.numbers);
  const want = { title: plan.title, body, labels: [...new Set([ATQOS_LABEL, ...plan.labels])] };
  if (open) await updatePull(api, repo, open, want, log);
  else await createPull(api, repo, plan, want, log);
  if (!open) {
    index.openPullRequests++;
    budget.opened++;
  }
}

function whySkip(pulls: GhPull[], limits: PublishPlan['limits'], index: AtqosIssues, budget: PullRequestBudget): { reason: string; number?: number; url?: string } | undefined {
  const merged = pulls.find((p) => p.merged_at);
  if (merged) return { reason: 'already merged', number: merged.number, url: merged.html_url };
  const closed = pulls[0];
  if (closed) return { reason: 'closed without merging by a maintainer; not reopened', number: closed.number, url: closed.html_url };
  if (index.openPullRequests >= limits.maxOpenPullRequests) return { reason: `${index.openPullRequests} ATQOS pull requests are open (limits.maxOpenPullRequests = ${limits.maxOpenPullRequests})` };
  if (budget.opened >= limits.maxNewPullRequestsPerRun) return { reason: `${budget.opened} new pull requests this run (limits.maxNewPullRequestsPerRun = ${limits.maxNewPullRequestsPerRun})` };
  return undefined;
}

interface WantedPull {
  title: string;
  body: string;
  labels: string[];
}

async function createPull(api: GitHubApi, repo: RepoRef, plan: PullRequestPlan, want: WantedPull, log: ResultLog): Promise<void> {
  if (api.dryRun) {
    log.add({ kind: 'pull_request', key: plan.branch, action: 'created' });
    return;
  }
  const created = await api.write('POST /repos/{owner}/{repo}/pulls', { ...repo, title: want.title, body: want.body, head: plan.branch, base: plan.base, draft: plan.draft });
  const pull = parseResponse(GhPull.pick({ number: true, html_url: true }), created, 'creating a pull request');
  await api.write('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', { ...repo, issue_number: pull.number, labels: want.labels });
  log.add({ kind: 'pull_request', key: plan.branch, action: 'created', number: pull.number, url: pull.html_url });
}

async function updatePull(api: GitHubApi, repo: RepoRef, open: GhPull, want: WantedPull, log: ResultLog): Promise<void> {
  const { labels, ...fields } = issueChanges(open, want);
  const ref = { number: open.number, url: open.html_url };
  const changed = [...Object.keys(fields), ...(labels ? ['labels'] : [])];
  if (changed.length === 0) {
    log.add({ kind: 'pull_request', key: open.head.ref, action: 'unchanged', ...ref });
    return;
  }
  if (!api.dryRun) {
    if (Object.keys(fields).length) await api.write('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', { ...repo, pull_number: open.number, ...fields });
    if (labels) await api.write('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', { ...repo, issue_number: open.number, labels: want.labels });
  }
  log.add({ kind: 'pull_request', key: open.head.ref, action: 'updated', reason: `changed: ${changed.join(', ')}`, ...ref });
}

/** The body with `lines` appended as one paragraph (cut to fit, like `withFixes`). */
export function withNotes(body: string, lines: readonly string[]): string {
  if (lines.length === 0) return body;
  const suffix = `\n\n${lines.join('\n')}`;
  return `${body.length + suffix.length > MAX_BODY ? body.slice(0, MAX_BODY - suffix.length) : body}${suffix}`;
}

/** The body with a `Fixes #n` line per fixed finding whose issue number is known. */
export function withFixes(body: string, fixes: string[], numbers: Map<string, number>): string {
  return withIssueRefs(body, 'Fixes', fixes, numbers);
}

/** The body with a `<verb> #n` line per finding whose issue number is known (`Refs` does not close it). */
export function withIssueRefs(body: string, verb: 'Fixes' | 'Refs', fingerprints: string[], numbers: Map<string, number>): string {
  const lines = [...new Set(fingerprints.map((fp) => numbers.get(fp)).filter((n) => n !== undefined))].map((n) => `${verb} #${n}`);
  if (lines.length === 0) return body;
  const suffix = `\n\n${lines.join('\n')}`;
  return `${body.length + suffix.length > MAX_BODY ? body.slice(0, MAX_BODY - suffix.length) : body}${suffix}`;
}
