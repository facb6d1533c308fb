import { driveRun } from '../execute-run.js';
import type { RunOutcome } from '../execute-run.js';
import type { RemediateHook } from '../prepare-run.js';
import { cleanLeftovers } from './clean-leftovers.js';
import { prepareResume } from './prepare-resume.js';
import type { ResumeOptions } from './prepare-resume.js';

/**
 * `atqos resume`: continues a run that stopped (killed, crashed, interrupted) in its own run
 * directory with its own config. What it finished stays done; what it left running is stopped and
 * cleaned up; then the run goes on from where its store says it was, and finishes as usual.
 */
export async function resumeRun(opts: ResumeOptions & { remediate?: RemediateHook }): Promise<RunOutcome> {
  const { prepared, prior } = prepareResume(opts);
  prior.leftovers = await cleanLeftovers(prepared.repoDir, prepared.runId, prior.scratchDirs, prepared.log);
  const remediate = prior.run.command === 'run' ? opts.remediate : undefined;
  return driveRun(prepared, { command: prior.run.command, ...(remediate ? { remediate } : {}), ...(opts.signal ? { signal: opts.signal } : {}) }, prior);
}
