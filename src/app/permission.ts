import { z } from 'zod';
import type { RepoRef } from '../github/index.js';
import type { AppOctokit } from './octokit.js';
import { httpStatus } from './octokit.js';

const WRITERS = new Set(['admin', 'maintain', 'write']);

/** The collaborator-permission response (field used). */
const CollaboratorPermission = z.object({ permission: z.string() });

/**
 * Whether `login` may start ATQOS in the repo: collaborator permission write, maintain or admin,
 * asked from the API every time. Never decided by name or a `[bot]` suffix; not a collaborator
 * (404) means no.
 */
export async function canWrite(octokit: AppOctokit, repo: RepoRef, login: string): Promise<boolean> {
  let data: unknown;
  try {
    ({ data } = await octokit.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { ...repo, username: login }));
  } catch (err) {
    if (httpStatus(err) === 404) return false;
    throw err;
  }
  const parsed = CollaboratorPermission.safeParse(data);
  // `permission` reports maintain as write and triage as read; custom roles as their base role.
  return parsed.success && WRITERS.has(parsed.data.permission);
}
