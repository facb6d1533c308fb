import crypto from 'node:crypto';

/**
 * One dispatch's `request` input, shown in the run's name (`run-name` of the workflow template:
 * `ATQOS <command> <lane> [<request>]`), because a `workflow_run` webhook carries neither the
 * dispatch inputs nor, for a dispatch, the pull request. It says where the run's progress shows:
 *
 * - `<id>#<n>`: the progress reply in issue or PR #n, marked `<!-- atqos:request=<id> -->`;
 * - `<id>@<sha>`: the queued check run with `external_id` `<id>` on commit `<sha>`;
 * - `<id>`: nowhere (pushes, schedules, buttons).
 */
export interface RequestTag {
  /** 12 hex digits, unique per dispatch. */
  id: string;
  thread?: number;
  checkSha?: string;
}

/** Where a dispatch's progress is shown; see RequestTag. */
export type ProgressTarget = { thread: number } | { checkSha: string };

const TAG = /^([0-9a-f]{12})(?:#([1-9]\d{0,9})|@([0-9a-f]{40}))?$/;
const TITLE = /^ATQOS (\S+) (\S*) ?\[([^\]]+)\]$/;

/** A fresh request id: 12 hex digits (48 random bits; collisions within one repo's open runs are not a concern). */
export function newRequestId(): string {
  return crypto.randomBytes(6).toString('hex');
}

export function formatRequestTag(tag: RequestTag): string {
  if (tag.thread !== undefined) return `${tag.id}#${tag.thread}`;
  if (tag.checkSha !== undefined) return `${tag.id}@${tag.checkSha}`;
  return tag.id;
}

/** The tag of a `request` input; undefined for anything else (a run started by hand, an old template). */
export function parseRequestTag(text: string): RequestTag | undefined {
  const m = TAG.exec(text.trim());
  if (!m?.[1]) return undefined;
  return { id: m[1], ...(m[2] ? { thread: Number(m[2]) } : {}), ...(m[3] ? { checkSha: m[3] } : {}) };
}

/** What a run's `display_title` says about its dispatch, when it follows the template's `run-name`. */
export interface RunTitle {
  command: string;
  lane: string;
  tag: RequestTag;
}

export function parseRunTitle(title: string | null | undefined): RunTitle | undefined {
  const m = TITLE.exec((title ?? '').trim());
  const tag = m?.[3] ? parseRequestTag(m[3]) : undefined;
  return m && tag ? { command: m[1] ?? '', lane: m[2] ?? '', tag } : undefined;
}

/** The hidden marker of a dispatch's progress reply. */
export function requestMarker(id: string): string {
  return `<!-- atqos:request=${id} -->`;
}
