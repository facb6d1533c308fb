import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { AtqosConfig } from '../../config/index.js';
import { DEFAULT_CONFIG_PATH, resolveConfig } from '../../config/index.js';
import { AtqosError } from '../../core/index.js';
import type { AppOctokit } from '../octokit.js';
import { httpStatus } from '../octokit.js';
import type { ScheduledRepo, ScheduledRun } from './scheduler.js';

/* Where the scheduler's repositories and configs come from: the GitHub API, as the App. */

const Installation = z.object({ id: z.number().int(), suspended_at: z.string().nullish() });
const InstalledRepo = z.object({
  name: z.string().min(1),
  owner: z.object({ login: z.string().min(1) }),
  default_branch: z.string().min(1),
  archived: z.boolean().optional(),
  disabled: z.boolean().optional(),
});
const ConfigFile = z.object({ type: z.literal('file'), encoding: z.literal('base64'), content: z.string() });

/**
 * Every repository of every installation (`GET /app/installations` with the App's JWT, then
 * `GET /installation/repositories` as each installation), skipping suspended installations and
 * archived or disabled repositories, where a dispatch would fail.
 */
export async function listInstalledRepos(app: AppOctokit, asInstallation: (id: number) => Promise<AppOctokit>): Promise<ScheduledRepo[]> {
  const installations = z.array(Installation).parse(await app.paginate('GET /app/installations', { per_page: 100 }));
  const repos: ScheduledRepo[] = [];
  for (const installation of installations.filter((i) => !i.suspended_at)) {
    const octokit = await asInstallation(installation.id);
    const listed = z.array(InstalledRepo).parse(await octokit.paginate('GET /installation/repositories', { per_page: 100 }));
    for (const r of listed.filter((x) => !x.archived && !x.disabled)) {
      repos.push({ owner: r.owner.login, repo: r.name, installationId: installation.id, defaultBranch: r.default_branch });
    }
  }
  return repos;
}

/**
 * The repo's `.github/atqos.yml` on its default branch, resolved like the CLI resolves it;
 * undefined when the repo has none. A config that is not valid throws the same AtqosError the
 * CLI would print, naming the key.
 */
export async function readRepoConfig(octokit: AppOctokit, repo: ScheduledRepo, configPath = DEFAULT_CONFIG_PATH): Promise<AtqosConfig | undefined> {
  let data: unknown;
  try {
    ({ data } = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner: repo.owner, repo: repo.repo, path: configPath, ref: repo.defaultBranch }));
  } catch (err) {
    if (httpStatus(err) === 404) return undefined;
    throw err;
  }
  const file = ConfigFile.safeParse(data);
  const where = `${repo.owner}/${repo.repo}:${configPath}`;
  if (!file.success) {
    throw new AtqosError('config_unreadable', `${where} is not a file the contents API returns inline`, { hint: `make ${configPath} a regular file under 1 MB` });
  }
  let raw: unknown;
  try {
    raw = parseYaml(Buffer.from(file.data.content, 'base64').toString('utf8'), { maxAliasCount: 100 });
  } catch (err) {
    throw new AtqosError('config_invalid', `${where}: not valid YAML: ${(err as Error).message.split('\n')[0]}`, { hint: `fix the YAML syntax in ${configPath}`, cause: err });
  }
  return resolveConfig(raw, where);
}

/** The workflow inputs of a scheduled run: no PR, and no SHA, so the default branch's head runs. */
export function scheduledDispatchInputs(run: ScheduledRun): { command: ScheduledRun['command']; lane: string; pr: ''; sha: '' } {
  return { command: run.command, lane: run.lane, pr: '', sha: '' };
}
