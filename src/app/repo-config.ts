import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { AtqosConfig } from '../config/index.js';
import { DEFAULT_CONFIG_PATH, resolveConfig } from '../config/index.js';
import { describeError } from '../core/index.js';
import type { RepoRef } from '../github/index.js';
import type { Logger } from '../plugin/contract.js';
import type { AppOctokit } from './octokit.js';
import { httpStatus } from './octokit.js';

const FileContent = z.object({ type: z.literal('file'), encoding: z.literal('base64'), content: z.string() });

/** How many repo+commit configs are kept; a config is small, but installations can be many. */
const CACHE_SIZE = 500;

/**
 * A repository's `.github/atqos.yml` at a commit, read through the contents API and cached per
 * repo and commit (a commit's file never changes). An absent file is the embedded defaults; an
 * unreadable or invalid one is logged and treated as absent, so a broken config never stops the
 * App from publishing.
 */
export class RepoConfigCache {
  private readonly cache = new Map<string, Promise<AtqosConfig>>();

  async get(octokit: AppOctokit, repo: RepoRef, sha: string, log: Logger): Promise<AtqosConfig> {
    const key = `${repo.owner}/${repo.repo}@${sha}`.toLowerCase();
    let config = this.cache.get(key);
    if (!config) {
      config = load(octokit, repo, sha, log, () => this.cache.delete(key));
      this.cache.set(key, config);
      if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    }
    return config;
  }
}

async function load(octokit: AppOctokit, repo: RepoRef, sha: string, log: Logger, forget: () => void): Promise<AtqosConfig> {
  let text: string | undefined;
  try {
    text = await readFile(octokit, repo, sha);
  } catch (err) {
    // A failed request may succeed next time: not cached.
    forget();
    log.warn({ repo: `${repo.owner}/${repo.repo}`, sha, error: describeError(err) }, `${DEFAULT_CONFIG_PATH} could not be read; defaults apply`);
    return resolveConfig({});
  }
  try {
    return resolveConfig(text === undefined ? {} : parseYaml(text, { maxAliasCount: 100 }));
  } catch (err) {
    log.warn({ repo: `${repo.owner}/${repo.repo}`, sha, error: describeError(err) }, `${DEFAULT_CONFIG_PATH} is invalid; defaults apply`);
    return resolveConfig({});
  }
}

async function readFile(octokit: AppOctokit, repo: RepoRef, sha: string): Promise<string | undefined> {
  try {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { ...repo, path: DEFAULT_CONFIG_PATH, ref: sha });
    return Buffer.from(FileContent.parse(data).content, 'base64').toString('utf8');
  } catch (err) {
    if (httpStatus(err) === 404) return undefined;
    throw err;
  }
}
