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
