import { AtqosError } from '../../core/index.js';
import type { Logger } from '../../plugin/contract.js';

/**
 * The part of an Octokit the Publisher uses. `@octokit/rest`'s Octokit and Probot's context
 * octokit both fit, so the App and the Action publish through the same code.
 */
export interface PublisherOctokit {
  request(route: string, parameters?: Record<string, unknown>): Promise<{ status: number; data: unknown }>;
  paginate(route: string, parameters?: Record<string, unknown>): Promise<unknown[]>;
}

export interface ApiOptions {
  dryRun: boolean;
  paceMs: number;
  retries: number;
  sleep: (ms: number) => Promise<void>;
  log?: Logger;
}

/** Longest single wait for a rate limit; a longer one fails the object instead of stalling the run. */
export const MAX_WAIT_MS = 5 * 60_000;
const BACKOFF_MS = 1000;

type Params = Record<string, unknown>;

/** Octokit behind retries for transient errors, pacing of writes, and a dry-run guard. */
export class GitHubApi {
  private lastWriteAt: number | undefined;

  constructor(private readonly octokit: PublisherOctokit, readonly options: ApiOptions) {}

  get dryRun(): boolean {
    return this.options.dryRun;
  }

  async get<T = unknown>(route: `GET ${string}`, params: Params): Promise<T> {
    return (await this.withRetry(route, () => this.octokit.request(route, params))).data as T;
  }

  /** A GET whose 404 means "there is none". */
  async find<T = unknown>(route: `GET ${string}`, params: Params): Promise<T | undefined> {
    try {
      return await this.get<T>(route, params);
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async paginate(route: `GET ${string}`, params: Params): Promise<unknown[]> {
    return this.withRetry(route, () => this.octokit.paginate(route, { per_page: 100, ...params }));
  }

  /** POST/PATCH/PUT/DELETE: paced (GitHub's secondary limits ask for ≥ 1 s between them), never in a dry run. */
  async write<T = unknown>(route: string, params: Params): Promise<T> {
    if (this.dryRun) throw new AtqosError('publish_dry_run_write', `dry run tried to write: ${route}`, { hint: 'this is a bug in the Publisher; report it' });
    await this.pace();
    try {
      return (await this.withRetry(route, () => this.octokit.request(route, params))).data as T;
    } finally {
      this.lastWriteAt = Date.now();
    }
  }

  private async pace(): Promise<void> {
    if (this.lastWriteAt === undefined || this.options.paceMs <= 0) return;
    const wait = this.options.paceMs - (Date.now() - this.lastWriteAt);
    if (wait > 0) await this.options.sleep(wait);
  }

  private async withRetry<T>(route: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (err) {
        const wait = transientWait(err, attempt);
        if (wait === undefined || attempt >= this.options.retries) throw requestFailed(route, err, wait !== undefined);
        this.options.log?.warn({ route, status: statusOf(err), attempt: attempt + 1, waitMs: wait }, 'retrying GitHub request');
        await this.options.sleep(wait);
      }
    }
  }
}

/** The HTTP status of a failed request (also through the AtqosError that wraps it). */
export function statusOf(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  if (typeof status === 'number') return status;
  return err instanceof AtqosError ? statusOf(err.cause) : undefined;
}

/** GitHub's validation error codes (`already_exists`, `invalid`…) of a failed request. */
export function errorCodesOf(err: unknown): string[] {
  const inner = err instanceof AtqosError ? err.cause : err;
  const errors = (inner as { response?: { data?: { errors?: { code?: unknown }[] } } } | null)?.response?.data?.errors ?? [];
  return errors.map((e) => String(e.code));
}

function headersOf(err: unknown): Record<string, string | number | undefined> {
  return (err as { response?: { headers?: Record<string, string | number | undefined> } }).response?.headers ?? {};
}

/** How long to wait before retrying, or undefined when retrying cannot help (4xx validation errors). */
export function transientWait(err: unknown, attempt: number, now = Date.now()): number | undefined {
  const status = statusOf(err);
  if (status === undefined) return undefined;
  const headers = headersOf(err);
  const retryAfter = Number(headers['retry-after']);
  const limited = status === 429 || (status === 403 && (headers['retry-after'] !== undefined || String(headers['x-ratelimit-remaining']) === '0'));
  if (limited) {
    if (Number.isFinite(retryAfter) && retryAfter >= 0) return Math.min(retryAfter * 1000, MAX_WAIT_MS);
    const reset = Number(headers['x-ratelimit-reset']);
    if (Number.isFinite(reset) && reset > 0) return Math.min(Math.max(reset * 1000 - now, 0) + 1000, MAX_WAIT_MS);
    return Math.min(60_000, MAX_WAIT_MS);
  }
  return status >= 500 ? BACKOFF_MS * 2 ** attempt : undefined;
}

function requestFailed(route: string, err: unknown, transient: boolean): AtqosError {
  const status = statusOf(err);
  const data = (err as { response?: { data?: { message?: string; errors?: unknown[] } } }).response?.data;
  const detail = data?.errors?.length ? ` ${JSON.stringify(data.errors)}` : '';
  const what = data?.message ?? (err instanceof Error ? err.message : String(err));
  const hint = status === 401 || (status === 403 && !transient)
    ? 'check that the token can write issues, pull requests, checks and contents in this repository'
    : transient ? 'GitHub is unavailable or rate-limiting; publish again later (it is idempotent)' : 'the request was refused; see the message';
  return new AtqosError(`github_${status ?? 'network'}`, `${route} failed${status ? ` (${status})` : ''}: ${what}${detail}`, { hint, cause: err, transient });
}
