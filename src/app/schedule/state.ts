import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AtqosError } from '../../core/index.js';

const BUSY_TIMEOUT_MS = 5000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS schedule_runs (
  repo TEXT NOT NULL,
  lane TEXT NOT NULL,
  fire_time INTEGER NOT NULL,
  dispatched_at INTEGER NOT NULL,
  PRIMARY KEY (repo, lane, fire_time)
);
CREATE TABLE IF NOT EXISTS schedule_seen (
  repo TEXT NOT NULL,
  lane TEXT NOT NULL,
  cron TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  PRIMARY KEY (repo, lane, cron)
);`;

/** One scheduled dispatch: the lane of a repo at the time its cron fired. */
export interface FireKey {
  /** `owner/name`, lower case. */
  repo: string;
  lane: string;
  fireTime: Date;
}

/**
 * The App's schedule state in SQLite (WAL, busy timeout): which fire times were dispatched and
 * when each lane schedule was first seen. Several App processes may share the file; a claim is
 * one INSERT, so exactly one of them wins a fire time.
 */
export class ScheduleState {
  private readonly db: Database.Database;

  constructor(readonly file: string) {
    const resolved = path.resolve(file);
    try {
      fs.mkdirSync(path.dirname(resolved), { recursive: true });
      this.db = new Database(resolved);
      // busy_timeout first, so that switching to WAL waits for another connection's lock.
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.exec(SCHEMA);
    } catch (err) {
      throw new AtqosError('app_state_open_failed', `cannot open the App's schedule state ${resolved}: ${err instanceof Error ? err.message : String(err)}`, {
        hint: 'set ATQOS_APP_STATE to a writable file path (its directory is created), or move a broken file aside',
        cause: err,
      });
    }
  }

  /** True for the one caller that records this fire time first; false once anyone has. */
  claim(key: FireKey, now: Date): boolean {
    const info = this.db
      .prepare('INSERT INTO schedule_runs (repo, lane, fire_time, dispatched_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(key.repo, key.lane, key.fireTime.getTime(), now.getTime());
    return info.changes === 1;
  }

  /** Undoes a claim whose dispatch failed, so the next tick tries again. */
  release(key: FireKey): void {
    this.db.prepare('DELETE FROM schedule_runs WHERE repo = ? AND lane = ? AND fire_time = ?').run(key.repo, key.lane, key.fireTime.getTime());
  }

  /** When this lane's cron was first seen for the repo; recorded as `now` the first time it is asked. */
  firstSeen(repo: string, lane: string, cron: string, now: Date): Date {
    this.db.prepare('INSERT INTO schedule_seen (repo, lane, cron, first_seen) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(repo, lane, cron, now.getTime());
    const row = this.db.prepare('SELECT first_seen FROM schedule_seen WHERE repo = ? AND lane = ? AND cron = ?').get(repo, lane, cron) as { first_seen: number };
    return new Date(row.first_seen);
  }

  /** The fire times dispatched for a repo's lane, oldest first. */
  dispatched(repo: string, lane: string): Date[] {
    const rows = this.db.prepare('SELECT fire_time FROM schedule_runs WHERE repo = ? AND lane = ? ORDER BY fire_time').all(repo, lane) as { fire_time: number }[];
    return rows.map((r) => new Date(r.fire_time));
  }

  /** Forgets dispatches of fire times before `before`: they can no longer be due. */
  prune(before: Date): number {
    return this.db.prepare('DELETE FROM schedule_runs WHERE fire_time < ?').run(before.getTime()).changes;
  }

  close(): void {
    this.db.close();
  }
}
