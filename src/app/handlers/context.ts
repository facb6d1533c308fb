import type { Logger } from '../../plugin/contract.js';
import type { AppIdentity } from '../identity.js';
import type { AppMetrics } from '../metrics/app-metrics.js';
import type { AppOctokit } from '../octokit.js';
import type { RepoConfigCache } from '../repo-config.js';

/** What a handler gets from the host for one delivery. */
export interface HandlerContext {
  payload: unknown;
  octokit: AppOctokit;
  log: Logger;
}

/** The App's settings and shared services that handlers read. */
export interface HandlerSettings {
  /** The ATQOS workflow file in `.github/workflows/` (dispatched, and matched on completion). */
  workflowFile: string;
  /** Least time between the Publisher's writes, ms. */
  paceMs: number;
  /** Dispatch `diagnose` on lane `pr` when a pull request is opened or pushed to. */
  autoDiagnosePullRequests: boolean;
  metrics: AppMetrics;
  /** The App's slug, to recognise its own pushes and comments. */
  identity: AppIdentity;
  /** Repositories' `.github/atqos.yml` (for `notify`). */
  repoConfig: RepoConfigCache;
}
