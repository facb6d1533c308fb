import { z } from 'zod';
import type { RepoRef } from '../github/index.js';
import { parseSlashCommand } from './commands.js';
import type { AppOctokit } from './octokit.js';
import { canWrite } from './permission.js';

const Comment = z.object({ body: z.string().nullable(), user: z.object({ login: z.string() }).nullable() });

/**
 * Whether someone with write access commented `/atqos approve <headSha>` on the PR. Pinned to the
 * SHA: after a new push the old approval no longer counts. Each approver's permission is asked
 * from the API now, so an approval by someone who has since lost access counts for nothing.
 */
export async function isForkApproved(octokit: AppOctokit, repo: RepoRef, pr: number, headSha: string): Promise<boolean> {
  const comments = await octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: pr, per_page: 100 });
  const approvers = new Set<string>();
  for (const raw of comments) {
    const comment = Comment.safeParse(raw);
    if (!comment.success || !comment.data.user) continue;
    const command = parseSlashCommand(comment.data.body ?? '');
    if (command?.kind === 'approve' && command.sha === headSha) approvers.add(comment.data.user.login);
  }
  for (const login of approvers) {
    if (await canWrite(octokit, repo, login)) return true;
  }
  return false;
}
