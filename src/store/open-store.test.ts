import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AtqosError } from '../core/errors.js';
import { latestSchemaVersion } from './migrations/index.js';
import { openStore } from './open-store.js';
import { getRun } from './run-queries.js';
import { sampleRun, storeTracker, tempDir } from './test-support.js';

const track = storeTracker();

describe('openStore', () => {
  it('sets WAL, durable sync, foreign keys and a busy timeout on the connection', () => {
    const store = track(openStore(path.join(tempDir(), 'nested', 'dir', 'state.db')));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('migrates once and reopens idempotently, tracking user_version', () => {
    const file = path.join(tempDir(), 'state.db');
    const first = track(openStore(file));
    first.transaction((tx) => tx.insertRun(sampleRun('r1')));
    expect(first.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    first.close();
    const again = track(openStore(file));
    expect(again.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(getRun(again, 'r1')?.repo).toBe('acme/widgets');
    const tables = again.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    expect(tables.map((t) => (t as { name: string }).name)).toEqual([
      'artifacts', 'attempts', 'events', 'findings', 'runs', 'tasks', 'test_results',
    ]);
  });

  it('refuses a store written by a newer schema, saying what to do', () => {
    const file = path.join(tempDir(), 'state.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${latestSchemaVersion + 1}`);
    raw.close();
    const err = catchError(() => openStore(file));
    expect(err).toBeInstanceOf(AtqosError);
    expect((err as AtqosError).code).toBe('store_too_new');
    expect((err as AtqosError).message).toContain(file);
    expect((err as AtqosError).hint).toMatch(/upgrade ATQOS/);
  });

  it.each([
    ['text', Buffer.from('this is not a database, it is a shopping list\n'.repeat(20))],
    ['random bytes', Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 131 + 7) % 256))],
  ])('turns a corrupt file (%s) into an AtqosError naming the file and the fix', (_label, bytes) => {
    const file = path.join(tempDir(), 'state.db');
    fs.writeFileSync(file, bytes);
    const err = catchError(() => openStore(file));
    expect(err).toBeInstanceOf(AtqosError);
    expect((err as AtqosError).code).toBe('store_corrupt');
    expect((err as AtqosError).message).toContain(file);
    expect((err as AtqosError).hint).toContain('move it aside');
  });

  it('lets a second connection and a second process read committed data while the first is open', () => {
    const file = path.join(tempDir(), 'state.db');
    const writer = track(openStore(file));
    const reader = track(openStore(file));
    writer.transaction((tx) => tx.insertRun(sampleRun('shared-run')));
    expect(getRun(reader, 'shared-run')?.id).toBe('shared-run');

    const script = `const D = require('better-sqlite3'); const db = new D(process.argv[1]);
      db.pragma('busy_timeout = 5000');
      db.prepare("INSERT INTO runs (id, repo, lane, command, status, started_at) VALUES ('from-child', 'r', 'pr', 'run', 'running', '2025-02-01T00:00:00.000Z')").run();
      process.stdout.write(String(db.prepare('SELECT COUNT(*) AS n FROM runs').get().n));`;
    const out = execFileSync(process.execPath, ['-e', script, file], { cwd: path.resolve(import.meta.dirname, '../..') });
    expect(out.toString()).toBe('2');
    expect(getRun(writer, 'from-child')?.lane).toBe('pr');
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}
