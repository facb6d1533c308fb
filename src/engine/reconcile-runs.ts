import fs from 'node:fs';
import path from 'node:path';
import { describeError } from '../core/index.js';
import type { Logger } from '../plugin/contract.js';
import { findingsForRun, getRun, importRun, openStore, RunRecorder, tasksForRun } from '../store/index.js';
import type { Store } from '../store/index.js';
import { writeReports } from '../reports/index.js';
import { INDEX_DB } from './index-run.js';
import { isRunLive } from './run-lock.js';

const ABANDONED = 'the ATQOS process stopped before the run finished (killed or crashed); findings recorded until then are kept — rerun `atqos diagnose`';

/** Records a dead run as crashed and writes its reports from what the store holds. */
function closeAbandoned(runDir: string, runId: string, store: Store): void {
  const run = getRun(store, runId);
  if (!run || run.status !== 'running') return;
  const recorder = new RunRecorder(store, { runId, runDir });
  const finishedAt = new Date().toISOString();
  const closed = { ...run, status: 'crashed' as const, conclusion: 'error' as const, finishedAt, error: ABANDONED };
  const findings = findingsForRun(store, runId);
  writeReports(runDir, { run: closed, findings, tests: [], tasks: tasksForRun(store, runId), tools: [] });
  recorder.record('run.abandoned', { error: ABANDONED }, (tx) => tx.updateRun(runId, { ...closed, findingCount: findings.length }));
}

/**
 * Brings the repo-level index up to date with the run directories: runs that finished but were
 * not indexed are imported, and runs whose process died are closed as `crashed` first.
 * Returns the ids it indexed.
 */
export function reconcileRuns(runRoot: string, log: Logger): string[] {
  const runsDir = path.join(runRoot, 'runs');
  if (!fs.existsSync(runsDir)) return [];
  const index = openStore(path.join(runRoot, INDEX_DB));
  const done: string[] = [];
  try {
    for (const id of fs.readdirSync(runsDir).sort()) {
      const runDir = path.join(runsDir, id);
      const dbFile = path.join(runDir, 'state.db');
      if (getRun(index, id) || !fs.existsSync(dbFile) || isRunLive(runDir)) continue;
      try {
        const store = openStore(dbFile);
        try {
          closeAbandoned(runDir, id, store);
        } finally {
          store.close();
        }
        importRun(index, dbFile, id);
        done.push(id);
      } catch (err) {
        log.warn({ run: id, error: describeError(err) }, 'could not index run directory');
      }
    }
  } finally {
    index.close();
  }
  return done;
}
