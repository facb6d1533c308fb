import type { Logger } from '../../plugin/contract.js';
import type { AppOctokit } from '../octokit.js';

/** What a handler gets from the host for one delivery. */
export interface HandlerContext {
  payload: unknown;
  octokit: AppOctokit;
  log: Logger;
}

/** The App's settings that handlers read. */
export interface HandlerSettings {
  /** The ATQOS workflow file in `.github/workflows/` (dispatched, and matched on completion). */
  workflowFile: string;
  /** Least time between the Publisher's writes, ms. */
  paceMs: number;
  /** Dispatch `diagnose` on lane `pr` when a pull request is opened or pushed to. */
  autoDiagnosePullRequests: boolean;
}
