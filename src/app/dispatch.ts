import type { RepoRef } from '../github/index.js';
import type { WorkflowCommand } from './commands.js';
import type { AppMetrics } from './metrics/app-metrics.js';
import type { AppOctokit } from './octokit.js';
import type { ProgressTarget } from './request-tag.js';
import { formatRequestTag, newRequestId } from './request-tag.js';

/** The `workflow_dispatch` inputs of the ATQOS workflow (all strings, as GitHub requires). */
export interface DispatchInputs {
  command: WorkflowCommand;
  lane: string;
  /** The PR number, or '' for a commit without one. */
  pr: string;
  /** The commit to run on (the PR's head SHA, also for forks). */
  sha: string;
  /** The request tag (request-tag.ts), which the workflow's `run-name` shows. */
  request: string;
}

/** One dispatch of the ATQOS workflow. */
export interface DispatchRequest extends RepoRef {
  /** The workflow file in `.github/workflows/`. */
  workflowFile: string;
  /**
   * The branch whose workflow file runs: always the default branch, so the file that runs is
   * the repo's own, never one from a fork; the commit under test travels as `inputs.sha`.
   */
  ref: string;
  inputs: Omit<DispatchInputs, 'request'>;
  /** Where the run's progress is shown (a reply or a queued check run), if anywhere. */
  progress?: ProgressTarget;
  /** A request id made beforehand (when the progress reply is posted first); default a new one. */
  requestId?: string;
}

/**
 * Starts the repo's ATQOS workflow with a `request` input naming the dispatch, so its
 * `workflow_run` events can be matched back to it. Returns the request id. Schedulers call this
 * too, so every dispatched run carries the same run-name format.
 */
export async function dispatchWorkflow(octokit: AppOctokit, request: DispatchRequest, metrics?: AppMetrics): Promise<{ requestId: string; inputs: DispatchInputs }> {
  const requestId = request.requestId ?? newRequestId();
  const inputs: DispatchInputs = { ...request.inputs, request: formatRequestTag({ id: requestId, ...request.progress }) };
  await octokit.request('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', {
    owner: request.owner,
    repo: request.repo,
    workflow_id: request.workflowFile,
    ref: request.ref,
    inputs: { ...inputs },
  });
  metrics?.dispatches.inc({ command: inputs.command, lane: inputs.lane });
  return { requestId, inputs };
}

/** Where the dispatched runs show up, for replies. */
export function workflowRunsUrl(repo: RepoRef, workflowFile: string): string {
  return `https://github.com/${repo.owner}/${repo.repo}/actions/workflows/${encodeURIComponent(workflowFile)}?query=event%3Aworkflow_dispatch`;
}
