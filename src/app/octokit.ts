import type { PublisherOctokit } from '../github/index.js';

/**
 * What the App's handlers call on Probot's event octokit: `request` by route and `paginate`.
 * The same shape the Publisher takes, so one octokit serves both.
 */
export type AppOctokit = PublisherOctokit;

/** The HTTP status of a failed Octokit request, if it had one. */
export function httpStatus(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
