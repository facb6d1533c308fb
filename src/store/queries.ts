import { Attempt } from '../core/attempt.js';
import { Finding } from '../core/finding.js';
import { Event } from '../core/run.js';
import { Task } from '../core/task.js';
import { TestOutcome, TestResult } from '../core/test-result.js';
import { parseJsonColumn, parseStoredValue } from './rows.js';
import type { Store } from './store.js';
import { StoredArtifact } from './stored-artifact.js';

function defined<T>(v: T | undefined): v is T {
  return v !== undefined;
}

/** A run's findings in the order they were stored. */
export function findingsForRun(store: Store, runId: string): Finding[] {
  return store.db
    .prepare<[string], { fingerprint: string; json: string }>('SELECT fingerprint, json FROM findings WHERE run_id = ? ORDER BY rowid')
    .all(runId)
    .map((r) => parseJsonColumn(Finding, r.json, store.warn, { table: 'findings', runId, fingerprint: r.fingerprint }))
    .filter(defined);
}

/** A run's tasks, by priority (lower first). */
export function tasksForRun(store: Store, runId: string): Task[] {
  return store.db
    .prepare<[string], { id: string; json: string }>('SELECT id, json FROM tasks WHERE run_id = ? ORDER BY priority, id')
    .all(runId)
    .map((r) => parseJsonColumn(Task, r.json, store.warn, { table: 'tasks', id: r.id }))
    .filter(defined);
}

/** A task's attempts, in order. */
export function attemptsForTask(store: Store, taskId: string): Attempt[] {
  return store.db
    .prepare<[string], { id: string; json: string }>('SELECT id, json FROM attempts WHERE task_id = ? ORDER BY n, id')
    .all(taskId)
    .map((r) => parseJsonColumn(Attempt, r.json, store.warn, { table: 'attempts', id: r.id }))
    .filter(defined);
}

/** Every attempt of a run, by task then attempt number. */
export function attemptsForRun(store: Store, runId: string): Attempt[] {
  return store.db
    .prepare<[string], { id: string; json: string }>('SELECT id, json FROM attempts WHERE run_id = ? ORDER BY task_id, n, id')
    .all(runId)
    .map((r) => parseJsonColumn(Attempt, r.json, store.warn, { table: 'attempts', id: r.id }))
    .filter(defined);
}

/** A run's test results as stored (messages are not kept per test; findings carry them). */
export function testResultsForRun(store: Store, runId: string): TestResult[] {
  return store.db
    .prepare<[string], { tool: string; node_id: string; file: string | null; outcome: string; duration_ms: number }>(
      'SELECT tool, node_id, file, outcome, duration_ms FROM test_results WHERE run_id = ? ORDER BY rowid',
    )
    .all(runId)
    .map((r) => parseStoredValue(TestResult, { tool: r.tool, nodeId: r.node_id, ...(r.file === null ? {} : { file: r.file }), outcome: r.outcome, durationMs: r.duration_ms }, store.warn, { table: 'test_results', runId, nodeId: r.node_id }))
    .filter(defined);
}

export function artifactsForRun(store: Store, runId: string): StoredArtifact[] {
  return store.db
    .prepare<[string], { path: string; kind: string; bytes: number; sha256: string | null }>(
      'SELECT path, kind, bytes, sha256 FROM artifacts WHERE run_id = ? ORDER BY path',
    )
    .all(runId)
    .map((r) => parseStoredValue(StoredArtifact, { ...r, sha256: r.sha256 ?? undefined }, store.warn, { table: 'artifacts', runId, path: r.path }))
    .filter(defined);
}

/** A run's events by seq, optionally only those after `afterSeq`. */
export function eventsForRun(store: Store, runId: string, opts: { afterSeq?: number } = {}): Event[] {
  return store.db
    .prepare<[string, number], { seq: number; ts: string; type: string; data_json: string }>(
      'SELECT seq, ts, type, data_json FROM events WHERE run_id = ? AND seq > ? ORDER BY seq',
    )
    .all(runId, opts.afterSeq ?? 0)
    .map((r) => {
      const data = parseJsonColumn(Event.shape.data, r.data_json, store.warn, { table: 'events', runId, seq: r.seq });
      return data && { seq: r.seq, runId, ts: r.ts, type: r.type, data };
    })
    .filter(defined);
}

export interface TestHistoryEntry {
  runId: string;
  startedAt: string;
  outcome: TestOutcome;
  durationMs: number;
  /** The commit the run tested, when it was in a git checkout. */
  baseSha?: string;
}

/** One test's outcome and duration in each run that ran it, newest run first. */
export function testHistory(store: Store, tool: string, nodeId: string, opts: { limit?: number } = {}): TestHistoryEntry[] {
  const rows = store.db
    .prepare<[string, string, number], { runId: string; startedAt: string; outcome: string; durationMs: number; baseSha: string | null }>(
      `SELECT t.run_id AS runId, r.started_at AS startedAt, t.outcome, t.duration_ms AS durationMs, r.base_sha AS baseSha
         FROM test_results t JOIN runs r ON r.id = t.run_id
        WHERE t.tool = ? AND t.node_id = ?
        ORDER BY r.started_at DESC, r.id DESC
        LIMIT ?`,
    )
    .all(tool, nodeId, opts.limit ?? 50);
  const entries: TestHistoryEntry[] = [];
  for (const row of rows) {
    const outcome = TestOutcome.safeParse(row.outcome);
    const { baseSha, ...rest } = row;
    if (outcome.success) entries.push({ ...rest, outcome: outcome.data, ...(baseSha ? { baseSha } : {}) });
    else store.warn({ table: 'test_results', runId: row.runId, nodeId, outcome: row.outcome }, 'skipped a test result with an unknown outcome');
  }
  return entries;
}
