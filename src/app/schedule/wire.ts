import type { Probot } from 'probot';
import type { Logger } from '../../plugin/contract.js';
import { dispatchWorkflow } from '../dispatch.js';
import type { AppMetrics } from '../metrics/app-metrics.js';
import type { AppOctokit } from '../octokit.js';
import { listInstalledRepos, readRepoConfig, scheduledDispatchInputs } from './github-source.js';
import { createScheduler } from './scheduler.js';
import type { Scheduler } from './scheduler.js';

/**
 * The lane schedules of every installed repository, dispatched through the App's own
 * credentials: the App's JWT lists installations, each installation's token reads the repo's
 * config and dispatches its workflow (with the same run-name tag as any other dispatch).
 */
export function appScheduler(probot: Probot, opts: { stateFile: string; workflowFile: string; metrics: AppMetrics; log: Logger; now?: () => Date }): Scheduler {
  const asInstallation = async (id: number) => (await probot.auth(id)) as unknown as AppOctokit;
  return createScheduler({
    stateFile: opts.stateFile,
    log: opts.log,
    ...(opts.now ? { now: opts.now } : {}),
    listRepos: async () => listInstalledRepos((await probot.auth()) as unknown as AppOctokit, asInstallation),
    readConfig: async (repo) => readRepoConfig(await asInstallation(repo.installationId), repo),
    dispatch: async (repo, run) => {
      await dispatchWorkflow(await asInstallation(repo.installationId), {
        owner: repo.owner, repo: repo.repo, workflowFile: opts.workflowFile, ref: repo.defaultBranch, inputs: scheduledDispatchInputs(run),
      }, opts.metrics);
    },
  });
}
