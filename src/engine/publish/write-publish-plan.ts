import path from 'node:path';
import { AtqosError } from '../../core/index.js';
import { buildPublishPlan } from '../../github/build-plan.js';
import type { BuildPlanInput, LabelConfig } from '../../github/plan-input.js';
import type { PublishPlan, RepoRef } from '../../github/publish-plan.js';
import { writeFileAtomic } from '../../reports/index.js';
import { INDEX_DB } from '../index-run.js';
import { gatherAcceptedFixes } from './accepted-fixes.js';
import { laneHistory } from './lane-history.js';
import { readRunRecord } from './run-record.js';

export const PLAN_FILE = 'publish-plan.json';

export interface PublishContext {
  repo: RepoRef;
  /** The commit the check run is attached to; defaults to the run's base SHA. */
  headSha?: string;
  /** The branch fix PRs target. */
  baseBranch: string;
  /** Where the full report lives (the run's artifact page). */
  reportUrl?: string;
}

export interface WritePlanOptions {
  /** The repository the run was made on (its task branches live there). */
  repoDir: string;
  /** `<run root>/runs/<run id>`; the repo index is `<run root>/state.db`. */
  runDir: string;
  context: PublishContext;
  labels?: Partial<LabelConfig>;
  limits?: BuildPlanInput['limits'];
}

export interface WrittenPlan {
  file: string;
  plan: PublishPlan;
  /** Accepted tasks left out of the plan, and why. */
  notes: string[];
}

/**
 * Writes `<runDir>/publish-plan.json` for a finished run: read from the run's own store, its
 * fixes from the task branches in git, and what is gone since the lane's previous trustworthy run
 * from the repo index. Rewriting it for the same run and context gives the same plan.
 */
export async function writePublishPlan(opts: WritePlanOptions): Promise<WrittenPlan> {
  const runDir = path.resolve(opts.runDir);
  const record = readRunRecord(runDir);
  const { run } = record;
  const headSha = opts.context.headSha ?? run.baseSha;
  if (!headSha) {
    throw new AtqosError('usage', `run ${run.id} recorded no commit, so the check run has nothing to attach to`, { hint: 'pass the head SHA of the commit that was tested (--head-sha)' });
  }
  const gathered = run.baseSha
    ? await gatherAcceptedFixes({ repoDir: opts.repoDir, runId: run.id, baseSha: run.baseSha, tasks: record.tasks, attempts: record.attempts, git: { logDir: path.join(runDir, 'publish', 'git') } })
    : { accepted: [], notes: [] };
  const lane = laneHistory(path.join(path.dirname(path.dirname(runDir)), INDEX_DB), run, record.findings);
  const plan = buildPublishPlan({
    repo: opts.context.repo,
    run,
    headSha,
    baseBranch: opts.context.baseBranch,
    findings: record.findings,
    gone: lane.gone,
    tasks: record.tasks,
    attempts: record.attempts,
    accepted: gathered.accepted,
    history: lane.history,
    firstSeen: lane.firstSeen,
    ...(record.checkpoint ? { checkpoint: record.checkpoint } : {}),
    ...(record.stopReason ? { stopReason: record.stopReason } : {}),
    ...(opts.context.reportUrl ? { reportUrl: opts.context.reportUrl } : {}),
    ...(opts.limits ? { limits: opts.limits } : {}),
    ...(opts.labels ? { labels: opts.labels } : {}),
  });
  const file = path.join(runDir, PLAN_FILE);
  writeFileAtomic(file, `${JSON.stringify(plan, null, 2)}\n`);
  return { file, plan, notes: gathered.notes };
}
