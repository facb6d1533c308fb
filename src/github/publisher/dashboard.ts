import type { DashboardPlan, RepoRef } from '../publish-plan.js';
import type { AtqosIssues } from './issue-index.js';
import { issueChanges } from './issue-index.js';
import { ATQOS_LABEL } from './labels.js';
import { DASHBOARD_MARKER, withMarker } from './markers.js';
import type { GitHubApi } from './request.js';
import type { ResultLog } from './result.js';
import { GhIssue, parseResponse } from './shapes.js';

/** The one dashboard issue: created once, reopened if someone closed it, written only when it differs. */
export async function ensureDashboard(api: GitHubApi, repo: RepoRef, plan: DashboardPlan, index: AtqosIssues, log: ResultLog): Promise<void> {
  const key = 'dashboard';
  const want = { title: plan.title, body: withMarker(plan.body, DASHBOARD_MARKER), labels: [...new Set([ATQOS_LABEL, ...plan.labels])] };
  const existing = index.dashboard;
  if (!existing) {
    if (api.dryRun) {
      log.add({ kind: 'dashboard', key, action: 'created' });
      return;
    }
    const created = parseResponse(GhIssue, await api.write('POST /repos/{owner}/{repo}/issues', { ...repo, ...want }), 'creating the dashboard issue');
    log.add({ kind: 'dashboard', key, action: 'created', number: created.number, url: created.html_url });
    return;
  }
  const ref = { number: existing.number, url: existing.html_url };
  const patch = { ...issueChanges(existing, want), ...(existing.state === 'closed' ? { state: 'open' } : {}) };
  if (Object.keys(patch).length === 0) {
    log.add({ kind: 'dashboard', key, action: 'unchanged', ...ref });
    return;
  }
  if (!api.dryRun) await api.write('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: existing.number, ...patch });
  log.add({ kind: 'dashboard', key, action: existing.state === 'closed' ? 'reopened' : 'updated', ...ref });
}
