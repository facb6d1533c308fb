import type { z } from 'zod';
import { Run } from '../core/run.js';
import { TestCounts } from '../core/test-result.js';
import type { StoreWarn } from './store.js';

export interface RunRow {
  id: string;
  repo: string;
  lane: string;
  command: string;
  status: string;
  conclusion: string | null;
  started_at: string;
  finished_at: string | null;
  base_sha: string | null;
  counts_json: string | null;
  finding_count: number;
  error: string | null;
}

export function runToRow(run: Run): RunRow {
  return {
    id: run.id,
    repo: run.repo,
    lane: run.lane,
    command: run.command,
    status: run.status,
    conclusion: run.conclusion ?? null,
    started_at: run.startedAt,
    finished_at: run.finishedAt ?? null,
    base_sha: run.baseSha ?? null,
    counts_json: run.counts ? JSON.stringify(run.counts) : null,
    finding_count: run.findingCount,
    error: run.error ?? null,
  };
}

/** The Run a row holds, or the zod error that says why it holds none. */
export function parseRunRow(row: RunRow): z.ZodSafeParseResult<Run> {
  let counts: unknown;
  try {
    counts = row.counts_json === null ? undefined : TestCounts.parse(JSON.parse(row.counts_json));
  } catch {
    counts = row.counts_json; // left as text so that Run.safeParse reports it
  }
  return Run.safeParse({
    id: row.id,
    repo: row.repo,
    lane: row.lane,
    command: row.command,
    status: row.status,
    conclusion: row.conclusion ?? undefined,
    startedAt: row.started_at,
    finishedAt: row.finished_at ?? undefined,
    baseSha: row.base_sha ?? undefined,
    counts,
    findingCount: row.finding_count,
    error: row.error ?? undefined,
  });
}

/** A row's JSON column through its zod model; a bad row is reported and skipped (undefined). */
export function parseJsonColumn<T>(
  model: z.ZodType<T>,
  json: string,
  warn: StoreWarn,
  fields: Record<string, unknown>,
): T | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    warn({ ...fields, reason: (err as Error).message }, 'skipped a stored row whose JSON does not parse');
    return undefined;
  }
  return parseStoredValue(model, value, warn, fields);
}

/** A value read from the store through its zod model; a bad one is reported and skipped. */
export function parseStoredValue<T>(model: z.ZodType<T>, value: unknown, warn: StoreWarn, fields: Record<string, unknown>): T | undefined {
  const parsed = model.safeParse(value);
  if (parsed.success) return parsed.data;
  warn({ ...fields, reason: parsed.error.message }, 'skipped a stored row that does not match its model');
  return undefined;
}
