import type { Annotation, CheckRunPlan, RepoRef } from '../publish-plan.js';
import type { GitHubApi } from './request.js';
import type { ResultLog } from './result.js';
import { GhCheckRun, GhCheckRunList, parseResponse } from './shapes.js';

/** GitHub accepts at most 50 annotations per create/update request (REST docs, "Update a check run"). */
export const MAX_ANNOTATIONS_PER_REQUEST = 50;

const GhIdUrl = GhCheckRun.pick({ id: true, html_url: true });

export function chunkAnnotations(annotations: Annotation[]): Annotation[][] {
  const chunks: Annotation[][] = [];
  for (let i = 0; i < annotations.length; i += MAX_ANNOTATIONS_PER_REQUEST) chunks.push(annotations.slice(i, i + MAX_ANNOTATIONS_PER_REQUEST));
  return chunks.length ? chunks : [[]];
}

/**
 * Creates or updates the check run named `plan.name` on `plan.headSha`. Annotations only ever
 * append on update, so a run that already has annotations is superseded by a new run of the same
 * name (GitHub shows the newest) instead of being updated into duplicates.
 */
export async function ensureCheckRun(api: GitHubApi, repo: RepoRef, plan: CheckRunPlan, log: ResultLog): Promise<void> {
  const key = `${plan.name}@${plan.headSha.slice(0, 7)}`;
  const listed = await api.get('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ...repo, ref: plan.headSha, check_name: plan.name, filter: 'latest' });
  const runs = parseResponse(GhCheckRunList, listed, 'listing check runs').check_runs;
  const existing = runs.sort((a, b) => b.id - a.id)[0];
  if (existing && matches(existing, plan)) {
    log.add({ kind: 'check_run', key, action: 'unchanged', number: existing.id, ...(existing.html_url ? { url: existing.html_url } : {}) });
    return;
  }
  const replace = !existing || existing.output.annotations_count > 0;
  const chunks = chunkAnnotations(plan.annotations);
  const requests = `${chunks.length} request${chunks.length > 1 ? 's' : ''}, ${plan.annotations.length} annotations`;
  if (api.dryRun) {
    log.add({ kind: 'check_run', key, action: replace ? 'created' : 'updated', reason: `dry run: ${requests}` });
    return;
  }
  const [first = [], ...rest] = chunks;
  const body = { ...fields(plan), output: output(plan, first), actions: plan.actions };
  const run = replace
    ? parseResponse(GhIdUrl, await api.write('POST /repos/{owner}/{repo}/check-runs', { ...repo, head_sha: plan.headSha, ...body }), 'creating a check run')
    : parseResponse(GhIdUrl, await api.write('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { ...repo, check_run_id: existing.id, ...body }), 'updating a check run');
  for (const chunk of rest) {
    await api.write('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { ...repo, check_run_id: run.id, output: output(plan, chunk) });
  }
  const reason = existing && replace ? `supersedes check run ${existing.id}; ${requests}` : requests;
  log.add({ kind: 'check_run', key, action: replace ? 'created' : 'updated', number: run.id, reason, ...(run.html_url ? { url: run.html_url } : {}) });
}

function fields(plan: CheckRunPlan): Record<string, unknown> {
  return {
    name: plan.name,
    status: plan.status,
    ...(plan.conclusion ? { conclusion: plan.conclusion } : {}),
    ...(plan.detailsUrl ? { details_url: plan.detailsUrl } : {}),
    ...(plan.externalId ? { external_id: plan.externalId } : {}),
  };
}

function output(plan: CheckRunPlan, annotations: Annotation[]): Record<string, unknown> {
  return { title: plan.title, summary: plan.summary, ...(plan.text !== undefined ? { text: plan.text } : {}), ...(annotations.length ? { annotations } : {}) };
}

function matches(run: GhCheckRun, plan: CheckRunPlan): boolean {
  return run.status === plan.status
    && (run.conclusion ?? undefined) === plan.conclusion
    && (run.output.title ?? '') === plan.title
    && (run.output.summary ?? '') === plan.summary
    && (run.output.text ?? undefined) === plan.text
    && run.output.annotations_count === plan.annotations.length
    && (!plan.detailsUrl || run.details_url === plan.detailsUrl)
    && (!plan.externalId || run.external_id === plan.externalId);
}
