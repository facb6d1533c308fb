import { Octokit } from '@octokit/rest';
import type { PublisherOctokit } from './publisher/request.js';

export interface OctokitOptions {
  token: string;
  /** The REST API root; `https://api.github.com` unless GitHub Enterprise Server (`https://HOST/api/v3`). */
  baseUrl?: string;
}

/**
 * An authenticated `@octokit/rest` client for hosts that publish with a token (the CLI and the
 * Action in standalone mode). Retries and pacing are the Publisher's, so none are added here.
 */
export function createOctokit(opts: OctokitOptions): Octokit & PublisherOctokit {
  return new Octokit({ auth: opts.token, userAgent: 'atqos', ...(opts.baseUrl ? { baseUrl: opts.baseUrl.replace(/\/+$/, '') } : {}) });
}
