import type Database from 'better-sqlite3';
import type { StoreTx } from './store-tx.js';

/** Where the store reports rows it skipped; same shape as the plugin `Logger.warn`. */
export type StoreWarn = (fields: Record<string, unknown>, msg: string) => void;

export interface StoreOptions {
  /** Defaults to one line on stderr. */
  warn?: StoreWarn;
}

/** An open ATQOS state database (one connection). */
export interface Store {
  readonly file: string;
  /** The raw connection, for queries this module does not offer yet. */
  readonly db: Database.Database;
  /**
   * Runs `fn` with the write helpers as one IMMEDIATE transaction: all of it commits or none.
   * IMMEDIATE takes the write lock up front so a second process waits (busy_timeout) instead of
   * failing on a lock upgrade.
   */
  transaction<T>(fn: (tx: StoreTx) => T): T;
  warn: StoreWarn;
  close(): void;
}
