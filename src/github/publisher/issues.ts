import type { IssuePlan, RepoRef } from '../publish-plan.js';
import type { AtqosIssues } from './issue-index.js';
import { issueChanges } from './issue-index.js';
import { ATQOS_LABEL } from './labels.js';
import { findingMarkerFor, withMarker } from './markers.js';
import type { GitHubApi } from './request.js';
import type { ResultLog } from './result.js';
import { GhIssue, parseResponse } from './shapes.js';

/**
 * Makes the finding's issue match the plan: created once, reopened (with a comment) when the
 * finding recurs, closed (with a comment) when it is gone, otherwise written only when it differs.
 */
export async function ensureIssue(api: GitHubApi, repo: RepoRef, plan: IssuePlan, index: AtqosIssues, log: ResultLog): Promise<void> {
  const key = plan.fingerprint;
  const existing = index.byFingerprint.get(key);
  const ref = existing ? { number: existing.number, url: existing.html_url } : {};
  if (plan.state === 'closed') {
    if (!existing || existing.state === 'closed') {
      log.add({ kind: 'issue', key, action: 'unchanged', reason: existing ? 'already closed' : 'no issue to close', ...ref });
      return;
    }
    if (!api.dryRun) {
      if (plan.closeComment) await comment(api, repo, existing.number, plan.closeComment);
      await api.write('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: existing.number, state: 'closed', state_reason: 'completed' });
    }
    log.add({ kind: 'issue', key, action: 'closed', ...ref });
    return;
  }
  const want = { title: plan.title, body: withMarker(plan.body, findingMarkerFor(key)), labels: [ATQOS_LABEL, ...plan.labels] };
  if (!existing) {
    if (api.dryRun) {
      log.add({ kind: 'issue', key, action: 'created' });
      return;
    }
    const created = parseResponse(GhIssue, await api.write('POST /repos/{owner}/{repo}/issues', { ...repo, ...want, labels: [...new Set(want.labels)] }), 'creating an issue');
    index.numbers.set(key, created.number);
    index.urls.set(key, created.html_url);
    log.add({ kind: 'issue', key, action: 'created', number: created.number, url: created.html_url });
    return;
  }
  const patch = issueChanges(existing, want);
  if (existing.state === 'closed') {
    if (!api.dryRun) {
      await api.write('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: existing.number, ...patch, state: 'open' });
      if (plan.reopenComment) await comment(api, repo, existing.number, plan.reopenComment);
    }
    log.add({ kind: 'issue', key, action: 'reopened', ...ref });
    return;
  }
  if (Object.keys(patch).length === 0) {
    log.add({ kind: 'issue', key, action: 'unchanged', ...ref });
    return;
  }
  if (!api.dryRun) await api.write('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: existing.number, ...patch });
  log.add({ kind: 'issue', key, action: 'updated', reason: `changed: ${Object.keys(patch).join(', ')}`, ...ref });
}

async function comment(api: GitHubApi, repo: RepoRef, issueNumber: number, body: string): Promise<void> {
  await api.write('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: issueNumber, body });
}
