import type Database from 'better-sqlite3';
import { AtqosError } from '../core/errors.js';
import { latestSchemaVersion, migrations } from './migrations/index.js';

function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to date, one transaction per migration. IMMEDIATE transactions and a
 * re-check inside them let two processes open a fresh store at once without applying twice.
 */
export function applyMigrations(db: Database.Database, file: string): void {
  assertNotNewer(userVersion(db), file);
  for (const m of migrations) {
    db.transaction(() => {
      const current = userVersion(db);
      assertNotNewer(current, file);
      if (current >= m.version) return;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}

function assertNotNewer(version: number, file: string): void {
  if (version <= latestSchemaVersion) return;
  throw new AtqosError(
    'store_too_new',
    `${file} has schema version ${version}, but this ATQOS knows versions up to ${latestSchemaVersion}`,
    { hint: 'upgrade ATQOS, or move the file aside to start a fresh store with this version' },
  );
}
