import fs from 'node:fs';
import path from 'node:path';
import { AtqosError } from '../core/errors.js';
import { openStore } from './open-store.js';
import type { Store } from './store.js';

/** Parents before children: the order rows are inserted (and, reversed, deleted). */
const TABLES = ['runs', 'tasks', 'findings', 'attempts', 'artifacts', 'events', 'test_results'] as const;
type Table = (typeof TABLES)[number];

/** Rows copied per table. */
export type ImportCounts = Record<Table, number>;

/**
 * Copies one run's rows from another store file (a run directory's own `state.db`) into
 * `target` (the repo-level cross-run index), in one transaction. The run's old rows in `target`
 * are replaced, so importing twice is importing once.
 */
export function importRun(target: Store, sourceFile: string, runId: string): ImportCounts {
  const source = path.resolve(sourceFile);
  if (!fs.existsSync(source)) {
    throw new AtqosError('import_source_missing', `cannot import run ${runId}: ${source} does not exist`, {
      hint: 'pass the state.db of the run directory (.atqos/runs/<run-id>/state.db)',
    });
  }
  if (source === target.file) return countRows(target, 'main', runId);
  // Opening through openStore rejects corrupt or newer files and migrates older ones, so both
  // schemas have the same columns below.
  openStore(source, { warn: target.warn }).close();
  target.db.prepare('ATTACH DATABASE ? AS src').run(source);
  try {
    return target.db.transaction(() => copyRun(target, runId)).immediate();
  } finally {
    target.db.prepare('DETACH DATABASE src').run();
  }
}

function copyRun(target: Store, runId: string): ImportCounts {
  const { db } = target;
  if (!db.prepare('SELECT 1 FROM src.runs WHERE id = ?').get(runId)) {
    throw new AtqosError('import_run_missing', `run ${runId} is not in the source store`, { hint: 'check the run id and the state.db path' });
  }
  assertNoIdClash(target, 'tasks', runId);
  assertNoIdClash(target, 'attempts', runId);
  for (const table of [...TABLES].reverse()) {
    if (table !== 'runs') db.prepare(`DELETE FROM main.${table} WHERE run_id = ?`).run(runId);
  }
  for (const table of TABLES) {
    const cols = columnsOf(target, table);
    const list = cols.join(', ');
    // An upsert, not INSERT OR REPLACE, for runs: REPLACE deletes the row first, which would
    // cascade to (and here: fight with) the run's child rows.
    const conflict = table === 'runs' ? ` ON CONFLICT (id) DO UPDATE SET ${cols.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}` : '';
    const where = table === 'runs' ? 'id = ?' : 'run_id = ?';
    db.prepare(`INSERT INTO main.${table} (${list}) SELECT ${list} FROM src.${table} WHERE ${where}${conflict}`).run(runId);
  }
  return countRows(target, 'main', runId);
}

/** Task and attempt ids are global keys; the same id under another run would be silently moved. */
function assertNoIdClash(target: Store, table: 'tasks' | 'attempts', runId: string): void {
  const clash = target.db
    .prepare<[{ runId: string }], { id: string; run_id: string }>(
      `SELECT m.id, m.run_id FROM main.${table} m JOIN src.${table} s ON s.id = m.id WHERE s.run_id = @runId AND m.run_id <> @runId LIMIT 1`,
    )
    .get({ runId });
  if (!clash) return;
  throw new AtqosError('import_id_clash', `cannot import run ${runId}: ${table} id ${clash.id} already belongs to run ${clash.run_id}`, {
    hint: 'task and attempt ids must be unique across runs (include the run id in them)',
  });
}

function columnsOf(store: Store, table: Table): string[] {
  return store.db
    .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}', 'main')`)
    .all()
    .map((c) => c.name);
}

function countRows(store: Store, schema: string, runId: string): ImportCounts {
  const counts = {} as ImportCounts;
  for (const table of TABLES) {
    const where = table === 'runs' ? 'id = ?' : 'run_id = ?';
    counts[table] = (store.db.prepare(`SELECT COUNT(*) AS n FROM ${schema}.${table} WHERE ${where}`).get(runId) as { n: number }).n;
  }
  return counts;
}
