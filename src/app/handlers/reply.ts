import type { RepoRef } from '../../github/index.js';
import type { AppOctokit } from '../octokit.js';

/** Posts one comment on an issue or PR. Replies never start a line with `/atqos`, so they cannot trigger the App. */
export async function reply(octokit: AppOctokit, repo: RepoRef, issueNumber: number, body: string): Promise<void> {
  await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: issueNumber, body });
}

/** Acknowledges a command comment with a reaction (👀 = seen, on its way). */
export async function react(octokit: AppOctokit, repo: RepoRef, commentId: number, content: 'eyes' | '+1'): Promise<void> {
  await octokit.request('POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', { ...repo, comment_id: commentId, content });
}
