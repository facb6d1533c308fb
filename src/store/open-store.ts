import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AtqosError } from '../core/errors.js';
import { applyMigrations } from './migrate.js';
import { createStoreTx } from './store-tx.js';
import type { Store, StoreOptions, StoreWarn } from './store.js';

const BUSY_TIMEOUT_MS = 5000;

/** SQLite result codes that mean the file's bytes are not a usable database. */
const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

const stderrWarn: StoreWarn = (fields, msg) => {
  process.stderr.write(`atqos store: ${msg} ${JSON.stringify(fields)}\n`);
};

/**
 * Opens (creating if needed) the SQLite store at `file`: WAL, durable commits, foreign keys,
 * a 5 s busy timeout, and the schema migrated to this version. Several connections may hold the
 * same file open. Throws AtqosError when the file is not a database or is from a newer ATQOS.
 */
export function openStore(file: string, opts: StoreOptions = {}): Store {
  const resolved = path.resolve(file);
  let db: Database.Database | undefined;
  try {
    fs.mkdirSync(path.dirname(resolved), { recursive: true });
    db = new Database(resolved);
    configure(db);
    applyMigrations(db, resolved);
  } catch (err) {
    db?.close();
    throw toOpenError(err, resolved);
  }
  return makeStore(resolved, db, opts.warn ?? stderrWarn);
}

function configure(db: Database.Database): void {
  // busy_timeout first, so that switching to WAL waits for another connection's lock.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

function makeStore(file: string, db: Database.Database, warn: StoreWarn): Store {
  const tx = createStoreTx(db);
  return {
    file,
    db,
    warn,
    transaction: (fn) => db.transaction(() => fn(tx)).immediate(),
    close: () => db.close(),
  };
}

function toOpenError(err: unknown, file: string): AtqosError {
  if (err instanceof AtqosError) return err;
  const code = (err as { code?: unknown }).code;
  const reason = err instanceof Error ? err.message : String(err);
  if (typeof code === 'string' && CORRUPT_CODES.has(code)) {
    return new AtqosError('store_corrupt', `${file} is not a readable SQLite database (${reason})`, {
      hint: `move it aside (mv "${file}" "${file}.broken") and rerun; ATQOS starts a fresh store`,
      cause: err,
    });
  }
  return new AtqosError('store_open_failed', `cannot open the ATQOS store ${file}: ${reason}`, {
    hint: 'check that the directory exists and is writable, or move the file aside',
    cause: err,
    transient: code === 'SQLITE_BUSY',
  });
}
