import fs from 'node:fs';
import { createOctokit, formatPublishResult, publish } from '../src/github/index.js';
import type { Logger } from '../src/plugin/contract.js';

export interface StandaloneOptions {
  token: string;
  apiUrl?: string;
  dryRun: boolean;
  log: Logger;
}

/** Standalone mode (no App installed): the runner publishes the plan itself. True when every object was published. */
export async function publishStandalone(planFile: string, opts: StandaloneOptions): Promise<boolean> {
  const octokit = createOctokit({ token: opts.token, ...(opts.apiUrl ? { baseUrl: opts.apiUrl } : {}) });
  const result = await publish(JSON.parse(fs.readFileSync(planFile, 'utf8')), octokit, { dryRun: opts.dryRun, log: opts.log });
  for (const line of formatPublishResult(result).split('\n')) opts.log.info({}, line);
  for (const e of result.errors) opts.log.warn({ kind: e.kind, key: e.key, status: e.status }, e.message);
  return result.ok;
}
