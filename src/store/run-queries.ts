import { AtqosError } from '../core/errors.js';
import type { Run } from '../core/run.js';
import { parseRunRow, type RunRow } from './rows.js';
import type { Store } from './store.js';

function runsFromRows(store: Store, rows: readonly RunRow[]): Run[] {
  const runs: Run[] = [];
  for (const row of rows) {
    const parsed = parseRunRow(row);
    if (parsed.success) runs.push(parsed.data);
    else store.warn({ runId: row.id, reason: parsed.error.message }, 'skipped a stored run that does not match its model');
  }
  return runs;
}

/** Runs, newest first. */
export function listRuns(store: Store, opts: { limit?: number } = {}): Run[] {
  const rows = store.db
    .prepare<[number], RunRow>('SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT ?')
    .all(opts.limit ?? 20);
  return runsFromRows(store, rows);
}

/** The run with this id, or with this unique id prefix; undefined when none matches. */
export function getRun(store: Store, idOrPrefix: string): Run | undefined {
  const exact = store.db.prepare<[string], RunRow>('SELECT * FROM runs WHERE id = ?').all(idOrPrefix);
  if (exact.length > 0) return runsFromRows(store, exact)[0];
  if (idOrPrefix === '') return undefined;
  const rows = store.db
    .prepare<[{ prefix: string; len: number }], RunRow>('SELECT * FROM runs WHERE substr(id, 1, @len) = @prefix ORDER BY id LIMIT 6')
    .all({ prefix: idOrPrefix, len: idOrPrefix.length });
  if (rows.length > 1) {
    throw new AtqosError('run_id_ambiguous', `run id prefix '${idOrPrefix}' matches several runs: ${rows.map((r) => r.id).join(', ')}`, {
      hint: 'give more characters of the run id',
    });
  }
  return runsFromRows(store, rows)[0];
}

/**
 * Marks runs still `running` (optionally: started before `olderThan`) as `crashed` with an
 * `error` conclusion — never green, since nobody saw them finish. Callers decide which runs are
 * dead (e.g. at startup, or by age). Returns the ids marked.
 */
export function markAbandonedRuns(store: Store, olderThan?: Date, now: Date = new Date()): string[] {
  const rows = store.db
    .prepare<[{ now: string; olderThan: string | null }], { id: string }>(
      `UPDATE runs
          SET status = 'crashed',
              conclusion = COALESCE(conclusion, 'error'),
              finished_at = COALESCE(finished_at, @now),
              error = COALESCE(error, 'abandoned: the process running it stopped before it finished')
        WHERE status = 'running' AND (@olderThan IS NULL OR started_at < @olderThan)
        RETURNING id`,
    )
    .all({ now: now.toISOString(), olderThan: olderThan ? olderThan.toISOString() : null });
  return rows.map((r) => r.id).sort();
}
