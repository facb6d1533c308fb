import { initialSchema } from './001-initial.js';

export interface Migration {
  /** The `PRAGMA user_version` the store has once this migration is applied. */
  version: number;
  name: string;
  sql: string;
}

/** Every schema change, in order. Append only: a shipped migration never changes. */
export const migrations: readonly Migration[] = [{ version: 1, name: 'initial', sql: initialSchema }];

export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;
