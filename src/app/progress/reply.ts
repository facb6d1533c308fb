import { z } from 'zod';
import type { RepoRef } from '../../github/index.js';
import type { AppOctokit } from '../octokit.js';
import { requestMarker } from '../request-tag.js';

/** The stages a progress reply goes through; it never moves backwards (webhooks arrive in any order). */
export type Stage = 'queued' | 'running' | 'finished';
const RANK: Record<Stage, number> = { queued: 0, running: 1, finished: 2 };
const STAGE_MARKER = /<!-- atqos:stage=(queued|running|finished) -->/;

/** What the status line of a progress reply says. */
export interface ProgressStatus {
  stage: Stage;
  /** The workflow run, once known; before that, the workflow's list of runs. */
  url: string;
  conclusion?: string;
  /** One more sentence (what was published, why it did not start). */
  detail?: string;
}

const ICONS: Record<string, string> = { success: '✅', failure: '❌', cancelled: '⚪', skipped: '⚪', timed_out: '⌛' };

function statusLine(status: ProgressStatus): string {
  const detail = status.detail ? ` ${status.detail}` : '';
  if (status.stage === 'queued') return `⏳ Queued: [workflow run](${status.url}).${detail}`;
  if (status.stage === 'running') return `🏃 Running: [workflow run](${status.url}).${detail}`;
  const conclusion = status.conclusion ?? 'unknown';
  return `${ICONS[conclusion] ?? '⚠️'} Finished: **${conclusion}** — [workflow run](${status.url}).${detail}`;
}

/** The whole reply: what was asked (`header`, first paragraph), where it stands, and its markers. */
export function progressBody(header: string, requestId: string, status: ProgressStatus): string {
  return `${header}\n\n${statusLine(status)}\n\n${requestMarker(requestId)}\n<!-- atqos:stage=${status.stage} -->`;
}

/** Posts the one progress reply of a dispatch; returns its comment id. */
export async function postProgressReply(octokit: AppOctokit, repo: RepoRef, thread: number, body: string): Promise<number> {
  const { data } = await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: thread, body });
  return z.object({ id: z.number().int() }).parse(data).id;
}

/** Rewrites a reply in place (its header kept). */
export async function editReply(octokit: AppOctokit, repo: RepoRef, commentId: number, body: string): Promise<void> {
  await octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { ...repo, comment_id: commentId, body });
}

const Comment = z.object({ id: z.number().int(), body: z.string().nullish(), user: z.object({ login: z.string() }).nullable() });

/**
 * Moves the progress reply of request `requestId` in thread `thread` to `status`: found by its
 * marker among the App's own comments (`botLogin`), edited only when that moves it forward and
 * changes it. Returns what happened; never posts a comment.
 */
export async function advanceProgressReply(octokit: AppOctokit, repo: RepoRef, thread: number, requestId: string, botLogin: string, status: ProgressStatus): Promise<'edited' | 'unchanged' | 'missing'> {
  const comments = await octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: thread, per_page: 100 });
  const marker = requestMarker(requestId);
  const reply = comments
    .map((raw) => Comment.safeParse(raw))
    .flatMap((c) => (c.success ? [c.data] : []))
    .find((c) => c.user?.login === botLogin && (c.body ?? '').includes(marker));
  if (!reply) return 'missing';
  const body = reply.body ?? '';
  const current = (STAGE_MARKER.exec(body)?.[1] ?? 'queued') as Stage;
  if (RANK[current] > RANK[status.stage]) return 'unchanged';
  const header = body.split('\n\n')[0] ?? '';
  const next = progressBody(header, requestId, status);
  if (next === body) return 'unchanged';
  await editReply(octokit, repo, reply.id, next);
  return 'edited';
}
