import { z } from 'zod';
import type { RepoRef } from '../../github/index.js';
import type { AppOctokit } from '../octokit.js';

/** The check run of a lane; the publish plan's check run has the same name and completes it. */
export const checkName = (lane: string) => `ATQOS / ${lane}`;

const CheckRun = z.object({ id: z.number().int(), status: z.string(), external_id: z.string().nullish() });
const CheckRunList = z.object({ check_runs: z.array(CheckRun) });

/**
 * Creates the lane's check run as `queued` on `sha`, keyed by the request id (`external_id`), so
 * the PR shows ATQOS at once. The Publisher later finds it by name on that commit and completes
 * it instead of creating a second one (src/github/publisher/check-runs.ts updates a run that has
 * no annotations yet).
 */
export async function createQueuedCheck(octokit: AppOctokit, repo: RepoRef, lane: string, sha: string, requestId: string): Promise<number> {
  const { data } = await octokit.request('POST /repos/{owner}/{repo}/check-runs', {
    ...repo,
    name: checkName(lane),
    head_sha: sha,
    status: 'queued',
    external_id: requestId,
    output: { title: 'Queued', summary: 'The ATQOS workflow has been dispatched for this commit.' },
  });
  return CheckRun.pick({ id: true }).parse(data).id;
}

/** The check run made for request `requestId` on `sha`, if it still exists. */
export async function findRequestCheck(octokit: AppOctokit, repo: RepoRef, lane: string, sha: string, requestId: string): Promise<z.infer<typeof CheckRun> | undefined> {
  const { data } = await octokit.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ...repo, ref: sha, check_name: checkName(lane), filter: 'all', per_page: 100 });
  return CheckRunList.parse(data).check_runs.find((c) => c.external_id === requestId);
}

/** Updates a check run's status (and, when completing, its conclusion and output). */
export async function updateCheck(octokit: AppOctokit, repo: RepoRef, checkRunId: number, fields: Record<string, unknown>): Promise<void> {
  await octokit.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { ...repo, check_run_id: checkRunId, ...fields });
}

/** A check conclusion for a workflow run that ended without publishing its own. */
export function fallbackConclusion(workflowConclusion: string | null | undefined): { conclusion: string; title: string } {
  if (workflowConclusion === 'cancelled' || workflowConclusion === 'timed_out' || workflowConclusion === 'skipped') {
    return { conclusion: workflowConclusion, title: `The ATQOS workflow run was ${workflowConclusion.replace('_', ' ')}` };
  }
  if (workflowConclusion === 'success') return { conclusion: 'neutral', title: 'The ATQOS workflow run published no result' };
  return { conclusion: 'failure', title: 'The ATQOS workflow run failed before publishing a result' };
}
