import { z } from 'zod';
import type { RepoRef } from '../../github/index.js';
import type { RunCommandName } from '../commands.js';
import { helpText, parseSlashCommand, resolveDispatch } from '../commands.js';
import { isForkApproved } from '../fork-approval.js';
import type { PullRequest } from '../payloads.js';
import { IssueCommentEvent, isFork, PullRequest as PullRequestData, repoOf } from '../payloads.js';
import { canWrite } from '../permission.js';
import type { HandlerContext, HandlerSettings } from './context.js';
import { react, reply } from './reply.js';
import { startRunWithReply } from './start-run.js';

const NO_ACCESS = (login: string) => `@${login} ATQOS commands need write access to this repository, so nothing was started. Ask a maintainer to comment the command instead.`;
const Branch = z.object({ commit: z.object({ sha: z.string().regex(/^[0-9a-f]{40}$/) }) });

/**
 * `issue_comment.created`: a `/atqos …` line on a pull request (its head commit) or an issue
 * (the default branch's head) starts the ATQOS workflow, with one progress reply.
 */
export async function onIssueComment(ctx: HandlerContext, settings: HandlerSettings): Promise<void> {
  const event = IssueCommentEvent.safeParse(ctx.payload);
  if (!event.success || event.data.action !== 'created') return;
  const { comment, issue, repository } = event.data;
  const command = parseSlashCommand(comment.body ?? '');
  if (!command) return;
  const repo = repoOf(repository);
  const login = comment.user.login;
  if (command.kind === 'help') return reply(ctx.octokit, repo, issue.number, helpText(command.reason));
  if (!(await canWrite(ctx.octokit, repo, login))) {
    ctx.log.info({ login, thread: issue.number }, 'slash command refused: no write access');
    return reply(ctx.octokit, repo, issue.number, NO_ACCESS(login));
  }
  let sha: string;
  if (issue.pull_request) {
    const pr = await getPullRequest(ctx, repo, issue.number);
    if (command.kind === 'approve') return approve(ctx, repo, { number: issue.number, commentId: comment.id, pr, sha: command.sha });
    if (isFork(pr) && !(await isForkApproved(ctx.octokit, repo, issue.number, pr.head.sha))) {
      ctx.log.info({ pr: issue.number, sha: pr.head.sha }, 'fork PR run refused: no approval for its head SHA');
      return reply(ctx.octokit, repo, issue.number, forkNotApproved(pr.head.sha));
    }
    sha = pr.head.sha;
  } else {
    if (command.kind === 'approve') return reply(ctx.octokit, repo, issue.number, '`/atqos approve` is for pull requests from forks; on an issue, ATQOS runs on the default branch without approval.');
    sha = await branchHead(ctx, repo, repository.default_branch);
  }
  await react(ctx.octokit, repo, comment.id, 'eyes');
  const { command: workflow, lane } = resolveDispatch(command.command, command.lane, Boolean(issue.pull_request));
  const inputs = { command: workflow, lane, pr: issue.pull_request ? String(issue.number) : '', sha };
  await startRunWithReply(ctx, settings, repo, issue.number, header(command.command, lane, sha, Boolean(issue.pull_request)), { ref: repository.default_branch, inputs });
}

async function getPullRequest(ctx: HandlerContext, repo: RepoRef, number: number): Promise<PullRequest> {
  const { data } = await ctx.octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...repo, pull_number: number });
  return PullRequestData.parse(data);
}

async function branchHead(ctx: HandlerContext, repo: RepoRef, branch: string): Promise<string> {
  const { data } = await ctx.octokit.request('GET /repos/{owner}/{repo}/branches/{branch}', { ...repo, branch });
  return Branch.parse(data).commit.sha;
}

async function approve(ctx: HandlerContext, repo: RepoRef, at: { number: number; commentId: number; pr: PullRequest; sha: string }): Promise<void> {
  if (at.sha !== at.pr.head.sha) {
    return reply(ctx.octokit, repo, at.number, `That SHA is not this pull request's head (\`${at.pr.head.sha}\`), so it approves nothing. Approve the current head after reviewing it.`);
  }
  await react(ctx.octokit, repo, at.commentId, '+1');
}

function forkNotApproved(sha: string): string {
  return [
    'This pull request comes from a fork, so ATQOS runs its code only after a maintainer has reviewed it and approved its exact head commit.',
    `A maintainer can comment \`/atqos approve ${sha}\` on its own line, then repeat the command. A new push needs a new approval.`,
  ].join('\n\n');
}

function header(command: RunCommandName, lane: string, sha: string, onPullRequest: boolean): string {
  return `ATQOS \`${command}\` (lane \`${lane}\`) on \`${sha.slice(0, 12)}\`${onPullRequest ? '' : ' (the default branch)'}.`;
}
