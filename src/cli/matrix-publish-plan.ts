import type { RunOutcome } from '../engine/index.js';
import { writePublishPlan } from '../engine/publish/index.js';
import type { Logger } from '../plugin/contract.js';
import { defaultBranch, parseRepoRef } from './publish-run.js';

/** The flags `atqos integrate` and `atqos plan --matrix --single-below` share for the publish plan. */
export const PUBLISH_PLAN_FLAGS = {
  github: { type: 'string' }, 'head-sha': { type: 'string' }, base: { type: 'string' }, 'report-url': { type: 'string' },
} as const;

export interface PublishPlanValues {
  github?: string;
  base?: string;
  'head-sha'?: string;
  'report-url'?: string;
}

/** --github, else $GITHUB_REPOSITORY (set on every Actions runner); checked before any work starts. */
export function githubRepoOf(values: PublishPlanValues): string | undefined {
  const github = values.github ?? (process.env.GITHUB_REPOSITORY || undefined);
  if (github) parseRepoRef(github);
  return github;
}

/** Publish plan, as the single-job Action writes it, when the GitHub repository is known. */
export async function writeMatrixPublishPlan(outcome: RunOutcome, github: string | undefined, values: PublishPlanValues, log: Logger): Promise<string | undefined> {
  if (!github || outcome.run.status !== 'finished') return undefined;
  const written = await writePublishPlan({
    repoDir: outcome.run.repo, runDir: outcome.runDir,
    context: { repo: parseRepoRef(github), baseBranch: values.base ?? (await defaultBranch(outcome.run.repo)), ...(values['head-sha'] ? { headSha: values['head-sha'] } : {}), ...(values['report-url'] ? { reportUrl: values['report-url'] } : {}) },
  });
  for (const note of written.notes) log.warn({ note }, 'left out of the publish plan');
  return written.file;
}
