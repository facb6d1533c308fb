import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/index.js';
import { AtqosError } from '../core/index.js';
import { INDEX_DB, resolveRepo } from '../engine/index.js';
import { writePublishPlan } from '../engine/publish/index.js';
import type { WrittenPlan } from '../engine/publish/index.js';
import { git } from '../git/index.js';
import { createOctokit, publish } from '../github/index.js';
import type { PublishResult, RepoRef } from '../github/index.js';
import type { Logger } from '../plugin/contract.js';
import { getRun, openStore } from '../store/index.js';

export interface PublishRunOptions {
  repoDir: string;
  /** A run id or a unique prefix of one. */
  runId: string;
  configPath?: string;
  /** `OWNER/REPO` on GitHub. */
  github: string;
  headSha?: string;
  /** The branch fix PRs target; default: the remote's default branch, else the current branch. */
  baseBranch?: string;
  reportUrl?: string;
  dryRun?: boolean;
  /** Needed to publish, and for a dry run that asks GitHub what exists. */
  token?: string;
  /** REST API root for GitHub Enterprise Server. */
  apiUrl?: string;
  paceMs?: number;
  log?: Logger;
}

export interface PublishRunResult extends WrittenPlan {
  /** What the Publisher did; absent for a dry run without a token (no API call was made). */
  result?: PublishResult;
}

/**
 * `atqos publish`: writes the run's publish plan, then carries it out on GitHub (or, with
 * `dryRun`, only reads what exists and reports what would change). Throws a `usage` AtqosError
 * for a bad repository name or a missing token before anything is written.
 */
export async function publishRun(opts: PublishRunOptions): Promise<PublishRunResult> {
  const repo = parseRepoRef(opts.github);
  if (!opts.dryRun && !opts.token) {
    throw new AtqosError('usage', 'publishing needs a GitHub token', { hint: 'set GITHUB_TOKEN (or ATQOS_GITHUB_TOKEN) to a token that may write checks, issues, contents and pull requests, or pass --dry-run' });
  }
  const repoDir = resolveRepo(opts.repoDir);
  const runDir = findRunDir(repoDir, opts.configPath, opts.runId);
  const baseBranch = opts.baseBranch ?? (await defaultBranch(repoDir));
  const written = await writePublishPlan({
    repoDir, runDir,
    context: { repo, baseBranch, ...(opts.headSha ? { headSha: opts.headSha } : {}), ...(opts.reportUrl ? { reportUrl: opts.reportUrl } : {}) },
  });
  for (const note of written.notes) opts.log?.warn({ note }, 'left out of the plan');
  if (!opts.token) return written;
  const octokit = createOctokit({ token: opts.token, ...(opts.apiUrl ? { baseUrl: opts.apiUrl } : {}) });
  const result = await publish(written.plan, octokit, { dryRun: opts.dryRun ?? false, ...(opts.paceMs !== undefined ? { paceMs: opts.paceMs } : {}), ...(opts.log ? { log: opts.log } : {}) });
  return { ...written, result };
}

/** `owner/name` as GitHub allows them; anything else is a usage error naming the expected form. */
export function parseRepoRef(text: string): RepoRef {
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(text.trim());
  if (!m || m[2] === '.' || m[2] === '..') {
    throw new AtqosError('usage', `'${text.slice(0, 200)}' is not a GitHub repository name`, { hint: 'pass --github OWNER/REPO, e.g. --github acme/shop' });
  }
  return { owner: m[1] as string, repo: m[2] as string };
}

function findRunDir(repoDir: string, configPath: string | undefined, idOrPrefix: string): string {
  const runRoot = path.resolve(repoDir, loadConfig(repoDir, configPath).config.runs.dir);
  const exact = path.join(runRoot, 'runs', idOrPrefix);
  if (/^[\w.-]+$/.test(idOrPrefix) && fs.existsSync(path.join(exact, 'state.db'))) return exact;
  const index = path.join(runRoot, INDEX_DB);
  const store = fs.existsSync(index) ? openStore(index) : undefined;
  try {
    const run = store && idOrPrefix ? getRun(store, idOrPrefix) : undefined;
    if (run) return path.join(runRoot, 'runs', run.id);
  } finally {
    store?.close();
  }
  throw new AtqosError('run_unknown', `no run matches "${idOrPrefix.slice(0, 200)}" in ${runRoot}`, { hint: '`atqos runs list` shows the ids; a prefix must be unique' });
}

/** The branch fix PRs target by default: origin's default branch, else the current one. */
export async function defaultBranch(repoDir: string): Promise<string> {
  for (const ref of ['refs/remotes/origin/HEAD', 'HEAD']) {
    const res = await git(['symbolic-ref', '--quiet', '--short', ref], { cwd: repoDir, allowFail: true });
    const name = res.stdout.trim().replace(/^origin\//, '');
    if (res.exitCode === 0 && name) return name;
  }
  throw new AtqosError('usage', `cannot tell which branch fix pull requests should target in ${repoDir} (no origin/HEAD, detached HEAD)`, { hint: 'pass --base BRANCH' });
}
