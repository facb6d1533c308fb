import fs from 'node:fs';
import path from 'node:path';
import { AtqosError } from '../../core/index.js';
import type { Attempt, Finding, Run, Task } from '../../core/index.js';
import type { CheckpointSummary } from '../../github/plan-input.js';
import { attemptsForRun, eventsForRun, findingsForRun, getRun, openStore, tasksForRun } from '../../store/index.js';

/** A finished run as its own `state.db` and reports hold it. */
export interface RunRecord {
  run: Run;
  findings: Finding[];
  tasks: Task[];
  attempts: Attempt[];
  checkpoint?: CheckpointSummary;
  stopReason?: string;
}

/**
 * Reads the run in `runDir` from its own store (never the index, which may lag). Refuses a run
 * that is still running: its plan would be made of half a run.
 */
export function readRunRecord(runDir: string): RunRecord {
  const runId = path.basename(runDir);
  const file = path.join(runDir, 'state.db');
  if (!fs.existsSync(file)) {
    throw new AtqosError('run_unknown', `${runDir} has no state.db, so it is not an ATQOS run directory`, { hint: '`atqos runs list` shows the recorded runs' });
  }
  const store = openStore(file);
  try {
    const run = getRun(store, runId);
    if (!run) throw new AtqosError('run_unknown', `the store in ${runDir} holds no run ${runId}`, { hint: 'pass a run directory written by `atqos diagnose` or `atqos run`' });
    if (run.status === 'running') {
      throw new AtqosError('run_live', `run ${run.id} has not finished, so there is nothing final to publish`, { hint: 'wait for it to finish, or `atqos resume` it if it was killed' });
    }
    const events = eventsForRun(store, run.id);
    const cp = events.filter((e) => e.type === 'checkpoint.finished').at(-1)?.data;
    const reasonOf = (type: string) => {
      const reason = events.filter((e) => e.type === type).at(-1)?.data.reason;
      return typeof reason === 'string' ? reason : undefined;
    };
    const skipped = reasonOf('remediation.skipped');
    const stopReason = reasonOf('remediation.finished') ?? reasonOf('remediation.stopped') ?? (skipped ? `remediation skipped: ${skipped}` : undefined);
    return {
      run,
      findings: findingsForRun(store, run.id),
      tasks: tasksForRun(store, run.id),
      attempts: attemptsForRun(store, run.id),
      ...(cp ? { checkpoint: checkpointSummary(cp) } : {}),
      ...(stopReason ? { stopReason } : {}),
    };
  } finally {
    store.close();
  }
}

function checkpointSummary(data: Record<string, unknown>): CheckpointSummary {
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    failingBefore: Number(data.failingBefore ?? 0),
    failingAfter: Number(data.failingAfter ?? 0),
    fixed: list(data.fixed),
    introduced: list(data.introduced),
    trustworthy: data.trustworthy === true,
  };
}
