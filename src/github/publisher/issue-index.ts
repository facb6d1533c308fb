import type { RepoRef } from '../publish-plan.js';
import { ATQOS_LABEL } from './labels.js';
import { findingIn, hasDashboardMarker } from './markers.js';
import type { GitHubApi } from './request.js';
import { GhIssue, parseResponse } from './shapes.js';

/** What already exists on GitHub with the `atqos` label, read with one paginated listing. */
export interface AtqosIssues {
  /** Finding issues by fingerprint (an open one wins over closed duplicates, then the oldest). */
  byFingerprint: Map<string, GhIssue>;
  dashboard: GhIssue | undefined;
  /** Open pull requests carrying the label (the issues API lists PRs too). */
  openPullRequests: number;
  /** Issue numbers by fingerprint, including issues created during this publish (for `Fixes #n`). */
  numbers: Map<string, number>;
  /** Issue URLs by fingerprint, likewise (for the issue links in fix files). */
  urls: Map<string, string>;
}

export async function listAtqosIssues(api: GitHubApi, repo: RepoRef): Promise<AtqosIssues> {
  const items = await api.paginate('GET /repos/{owner}/{repo}/issues', { ...repo, labels: ATQOS_LABEL, state: 'all' });
  const index: AtqosIssues = { byFingerprint: new Map(), dashboard: undefined, openPullRequests: 0, numbers: new Map(), urls: new Map() };
  for (const item of items) {
    const issue = parseResponse(GhIssue, item, 'listing issues');
    if (issue.pull_request) {
      if (issue.state === 'open') index.openPullRequests++;
      continue;
    }
    if (hasDashboardMarker(issue.body)) {
      index.dashboard = preferred(index.dashboard, issue);
      continue;
    }
    const fp = findingIn(issue.body);
    if (fp) index.byFingerprint.set(fp, preferred(index.byFingerprint.get(fp), issue));
  }
  for (const [fp, issue] of index.byFingerprint) {
    index.numbers.set(fp, issue.number);
    index.urls.set(fp, issue.html_url);
  }
  return index;
}

function preferred(a: GhIssue | undefined, b: GhIssue): GhIssue {
  if (!a) return b;
  if (a.state !== b.state) return a.state === 'open' ? a : b;
  return a.number <= b.number ? a : b;
}

/** The fields of an issue or PR that differ from what is wanted; empty when nothing needs writing. */
export function issueChanges(existing: { title: string; body?: string | null; labels: string[] }, want: { title: string; body: string; labels?: string[] }): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (existing.title !== want.title) patch.title = want.title;
  if (normalizeEol(existing.body ?? '') !== normalizeEol(want.body)) patch.body = want.body;
  // Labels are only ever added: a maintainer's own labels stay.
  const missing = (want.labels ?? []).filter((l) => !existing.labels.some((e) => e.toLowerCase() === l.toLowerCase()));
  if (missing.length) patch.labels = [...existing.labels, ...missing];
  return patch;
}

function normalizeEol(text: string): string {
  return text.replace(/\r\n/g, '\n');
}
