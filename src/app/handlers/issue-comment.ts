import type { RepoRef } from '../../github/index.js';
import type { RunCommandName } from '../commands.js';
import { helpText, parseSlashCommand, workflowCommand } from '../commands.js';
import { dispatchWorkflow, workflowRunsUrl } from '../dispatch.js';
import { isForkApproved } from '../fork-approval.js';
import type { PullRequest } from '../payloads.js';
import { IssueCommentEvent, isFork, PullRequest as PullRequestData, repoOf } from '../payloads.js';
import { canWrite } from '../permission.js';
import type { HandlerContext, HandlerSettings } from './context.js';
import { react, reply } from './reply.js';

const NO_ACCESS = (login: string) => `@${login} ATQOS commands need write access to this repository, so nothing was started. Ask a maintainer to comment the command instead.`;

/** `issue_comment.created`: a `/atqos …` line on a pull request starts the ATQOS workflow. */
export async function onIssueComment(ctx: HandlerContext, settings: HandlerSettings): Promise<void> {
  const event = IssueCommentEvent.safeParse(ctx.payload);
  if (!event.success || event.data.action !== 'created') return;
  const { comment, issue, repository } = event.data;
  const command = parseSlashCommand(comment.body ?? '');
  if (!command) return;
  const repo = repoOf(repository);
  const login = comment.user.login;
  if (command.kind === 'help') return reply(ctx.octokit, repo, issue.number, helpText(command.reason));
  if (!issue.pull_request) return reply(ctx.octokit, repo, issue.number, 'ATQOS commands work on pull requests; on the default branch, ATQOS runs on its schedule.');
  if (!(await canWrite(ctx.octokit, repo, login))) {
    ctx.log.info({ login, pr: issue.number }, 'slash command refused: no write access');
    return reply(ctx.octokit, repo, issue.number, NO_ACCESS(login));
  }
  const pr = await getPullRequest(ctx, repo, issue.number);
  if (command.kind === 'approve') return approve(ctx, repo, { number: issue.number, commentId: comment.id, pr, sha: command.sha });
  if (isFork(pr) && !(await isForkApproved(ctx.octokit, repo, issue.number, pr.head.sha))) {
    ctx.log.info({ pr: issue.number, sha: pr.head.sha }, 'fork PR run refused: no approval for its head SHA');
    return reply(ctx.octokit, repo, issue.number, forkNotApproved(pr.head.sha));
  }
  await react(ctx.octokit, repo, comment.id, 'eyes');
  const inputs = { command: workflowCommand(command.command), lane: command.lane, pr: String(issue.number), sha: pr.head.sha };
  await dispatchWorkflow(ctx.octokit, repo, settings.workflowFile, repository.default_branch, inputs);
  ctx.log.info({ ...inputs, login }, 'workflow dispatched');
  await reply(ctx.octokit, repo, issue.number, started(command.command, inputs.lane, pr.head.sha, workflowRunsUrl(repo, settings.workflowFile)));
}

async function getPullRequest(ctx: HandlerContext, repo: RepoRef, number: number): Promise<PullRequest> {
  const { data } = await ctx.octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...repo, pull_number: number });
  return PullRequestData.parse(data);
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

function started(command: RunCommandName, lane: string, sha: string, url: string): string {
  return `ATQOS \`${command}\` (lane \`${lane}\`) started on \`${sha.slice(0, 12)}\`: [workflow runs](${url}).`;
}
