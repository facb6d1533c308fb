import type { RepoRef } from '../github/index.js';
import type { WorkflowCommand } from './commands.js';
import type { AppOctokit } from './octokit.js';

/** The `workflow_dispatch` inputs of the ATQOS workflow (all strings, as GitHub requires). */
export interface DispatchInputs {
  command: WorkflowCommand;
  lane: string;
  /** The PR number, or '' for a commit without one. */
  pr: string;
  /** The commit to run on (the PR's head SHA, also for forks). */
  sha: string;
}

/**
 * Starts the repo's ATQOS workflow. `ref` is always the default branch: the workflow file that
 * runs is the repo's own, never one from a fork; the commit under test travels as `inputs.sha`.
 */
export async function dispatchWorkflow(octokit: AppOctokit, repo: RepoRef, workflowFile: string, defaultBranch: string, inputs: DispatchInputs): Promise<void> {
  await octokit.request('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', {
    ...repo,
    workflow_id: workflowFile,
    ref: defaultBranch,
    inputs: { ...inputs },
  });
}

/** Where the dispatched runs show up, for replies. */
export function workflowRunsUrl(repo: RepoRef, workflowFile: string): string {
  return `https://github.com/${repo.owner}/${repo.repo}/actions/workflows/${encodeURIComponent(workflowFile)}?query=event%3Aworkflow_dispatch`;
}
