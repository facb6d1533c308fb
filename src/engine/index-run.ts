import path from 'node:path';
import { describeError } from '../core/index.js';
import type { Logger } from '../plugin/contract.js';
import { importRun, openStore } from '../store/index.js';

export const INDEX_DB = 'state.db';

/**
 * Copies a finished run from its own immutable `state.db` into the repo-level index
 * (`<run-root>/state.db`), which holds every run and the per-test history. The run dir stays
 * the source of truth, so a failure here is a warning, and `atqos runs list` re-indexes.
 */
export function indexRun(runRoot: string, runDir: string, runId: string, log: Logger): boolean {
  try {
    const index = openStore(path.join(runRoot, INDEX_DB));
    try {
      importRun(index, path.join(runDir, 'state.db'), runId);
    } finally {
      index.close();
    }
    return true;
  } catch (err) {
    log.warn({ run: runId, error: describeError(err) }, 'could not index the run; it stays in its run directory');
    return false;
  }
}
