import { z } from 'zod';

/* The webhook fields the App reads, parsed at the boundary; everything else is ignored. */

const User = z.object({ login: z.string().min(1), type: z.string().optional() });
const Sha = z.string().regex(/^[0-9a-f]{40}$/);

export const Repository = z.object({
  name: z.string().min(1),
  full_name: z.string().min(1),
  owner: z.object({ login: z.string().min(1) }),
  default_branch: z.string().min(1),
});
export type Repository = z.infer<typeof Repository>;

export const IssueCommentEvent = z.object({
  action: z.string(),
  comment: z.object({ id: z.number().int(), body: z.string().nullable().default(''), user: User }),
  issue: z.object({ number: z.number().int(), pull_request: z.object({}).passthrough().optional() }),
  repository: Repository,
});
export type IssueCommentEvent = z.infer<typeof IssueCommentEvent>;

export const CheckRunActionEvent = z.object({
  action: z.literal('requested_action'),
  check_run: z.object({
    name: z.string(),
    head_sha: Sha,
    pull_requests: z.array(z.object({ number: z.number().int() })).default([]),
  }),
  requested_action: z.object({ identifier: z.string() }),
  sender: User,
  repository: Repository,
});
export type CheckRunActionEvent = z.infer<typeof CheckRunActionEvent>;

export const WorkflowRunEvent = z.object({
  action: z.enum(['requested', 'in_progress', 'completed']),
  workflow_run: z.object({
    id: z.number().int(),
    name: z.string().nullable().optional(),
    /** The run's name: `ATQOS <command> <lane> [<request>]` from the template's `run-name`. */
    display_title: z.string().nullable().optional(),
    path: z.string().optional(),
    html_url: z.string().url(),
    /** The commit of the workflow file that ran (the default branch's, for a dispatch). */
    head_sha: Sha,
    conclusion: z.string().nullable(),
    head_repository: z.object({ full_name: z.string() }).nullable().optional(),
  }),
  workflow: z.object({ path: z.string() }).optional(),
  repository: Repository,
});
export type WorkflowRunEvent = z.infer<typeof WorkflowRunEvent>;

export const PullRequestEvent = z.object({
  action: z.string(),
  number: z.number().int(),
  pull_request: z.object({
    head: z.object({ sha: Sha, repo: z.object({ full_name: z.string() }).nullable() }),
    base: z.object({ repo: z.object({ full_name: z.string() }) }),
  }),
  repository: Repository,
});
export type PullRequestEvent = z.infer<typeof PullRequestEvent>;

export const PushEvent = z.object({
  ref: z.string(),
  after: z.string(),
  deleted: z.boolean().default(false),
  repository: Repository,
  sender: User,
});
export type PushEvent = z.infer<typeof PushEvent>;

/** A pull request as `GET /repos/{o}/{r}/pulls/{n}` returns it (fields used). */
export const PullRequest = PullRequestEvent.shape.pull_request.extend({ state: z.string() });
export type PullRequest = z.infer<typeof PullRequest>;

/** `owner`/`repo` of a webhook's repository. */
export function repoOf(repository: Repository): { owner: string; repo: string } {
  return { owner: repository.owner.login, repo: repository.name };
}

/** Whether a PR's head lives in another repository (a fork, or a deleted one). */
export function isFork(pr: { head: { repo: { full_name: string } | null }; base: { repo: { full_name: string } } }): boolean {
  return pr.head.repo?.full_name.toLowerCase() !== pr.base.repo.full_name.toLowerCase();
}
