import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger, Plugin } from '../../plugin/contract.js';
import { attemptFromPlan } from './attempt-from-plan.js';
import { integrateMatrix } from './integrate-matrix.js';
import type { IntegratedMatrix } from './integrate-matrix.js';
import type { MatrixPlan } from './plan-artifact.js';

export interface FinishInPlanJobOptions {
  plan: MatrixPlan;
  planDir: string;
  /** The plan job's checkout: still at the plan's base SHA. */
  repoDir: string;
  registry: ReadonlyMap<string, Plugin>;
  signal?: AbortSignal;
  log?: Logger;
}

/**
 * The plan is small (`atqos plan --matrix --single-below N`): the plan job finishes the run
 * itself, as one attempt job holding every attemptable task followed by `atqos integrate`, so the
 * run directory is the one the matrix path would give, and no artifact round trip is paid. The
 * attempt artifact is scratch: it lives in a temp dir and is removed afterwards.
 */
export async function finishInPlanJob(opts: FinishInPlanJobOptions): Promise<IntegratedMatrix> {
  const { plan } = opts;
  const taskIds = plan.jobs.flatMap((j) => j.tasks);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `atqos-local-${plan.runId}-`));
  const common = { planDir: opts.planDir, repoDir: opts.repoDir, registry: opts.registry, ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.log ? { log: opts.log } : {}) };
  try {
    const attemptDirs: string[] = [];
    if (taskIds.length > 0) {
      const { outDir } = await attemptFromPlan({ ...common, taskIds, outDir: path.join(scratch, 'atqos-attempt-local') });
      attemptDirs.push(outDir);
    }
    return await integrateMatrix({ ...common, attemptDirs });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
