import type Database from 'better-sqlite3';
import { AtqosError } from '../core/errors.js';
import { Attempt } from '../core/attempt.js';
import { Finding } from '../core/finding.js';
import { Run } from '../core/run.js';
import { Task } from '../core/task.js';
import type { TestResult } from '../core/test-result.js';
import { parseRunRow, runToRow, type RunRow } from './rows.js';
import { StoredArtifact } from './stored-artifact.js';
import { scrubValue } from '../secrets/index.js';

export type RunPatch = Partial<Omit<Run, 'id'>>;
export type TaskPatch = Partial<Omit<Task, 'id' | 'runId'>>;
export type AttemptPatch = Partial<Omit<Attempt, 'id' | 'taskId'>>;

/**
 * The store's writes. Call them inside `Store.transaction` or `RunRecorder.record`, so each
 * state change commits together with its event. Objects are checked by their zod model on the way
 * in (except test results, which come in bulk from normalizers that already built them typed),
 * and scrubbed of secrets on the way to the file: it outlives the run and travels as an artifact.
 * Updates return the unscrubbed result, so the caller's own decisions never see a marker.
 */
export interface StoreTx {
  insertRun(run: Run): void;
  /** Merges `patch` into the stored run, validates the result, stores and returns it. */
  updateRun(id: string, patch: RunPatch): Run;
  /** Inserts findings, replacing any with the same (run, fingerprint). */
  upsertFindings(runId: string, findings: readonly Finding[]): void;
  insertTasks(tasks: readonly Task[]): void;
  updateTask(id: string, patch: TaskPatch): Task;
  insertAttempt(runId: string, attempt: Attempt): void;
  updateAttempt(id: string, patch: AttemptPatch): Attempt;
  /** Inserts artifacts, replacing any with the same (run, path). */
  insertArtifacts(runId: string, artifacts: readonly StoredArtifact[]): void;
  /** Bulk insert; a repeated (tool, node id) in one run keeps the last result. */
  insertTestResults(runId: string, results: readonly TestResult[]): void;
  /** Forgets a run's findings and test results, before its collection is run again (resume). */
  clearCollected(runId: string): void;
  /** Removes these findings of the run (superseded by a better explanation). */
  deleteFindings(runId: string, fingerprints: readonly string[]): void;
}

const RUN_COLUMNS: readonly (keyof RunRow)[] = [
  'id', 'repo', 'lane', 'command', 'status', 'conclusion', 'started_at',
  'finished_at', 'base_sha', 'counts_json', 'finding_count', 'error',
];

export function createStoreTx(db: Database.Database): StoreTx {
  const runInsert = db.prepare(`INSERT INTO runs (${RUN_COLUMNS.join(', ')}) VALUES (${RUN_COLUMNS.map((c) => '@' + c).join(', ')})`);
  const runUpdate = db.prepare(`UPDATE runs SET ${RUN_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
  const runSelect = db.prepare<[string], RunRow>('SELECT * FROM runs WHERE id = ?');
  const findingUpsert = db.prepare(
    `INSERT OR REPLACE INTO findings (run_id, fingerprint, tool, kind, severity, category, file, node_id, title, json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const taskInsert = db.prepare('INSERT INTO tasks (id, run_id, type, tool, status, priority, branch, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const taskReplace = db.prepare('UPDATE tasks SET type = ?, tool = ?, status = ?, priority = ?, branch = ?, json = ? WHERE id = ?');
  const taskSelect = db.prepare<[string], { json: string }>('SELECT json FROM tasks WHERE id = ?');
  const attemptInsert = db.prepare('INSERT INTO attempts (id, task_id, run_id, n, agent, outcome, json) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const attemptReplace = db.prepare('UPDATE attempts SET n = ?, agent = ?, outcome = ?, json = ? WHERE id = ?');
  const attemptSelect = db.prepare<[string], { json: string }>('SELECT json FROM attempts WHERE id = ?');
  const artifactUpsert = db.prepare('INSERT OR REPLACE INTO artifacts (run_id, path, kind, bytes, sha256) VALUES (?, ?, ?, ?, ?)');
  const testInsert = db.prepare(
    'INSERT OR REPLACE INTO test_results (run_id, tool, node_id, file, outcome, duration_ms) VALUES (?, ?, ?, ?, ?, ?)',
  );

  const findingsDelete = db.prepare('DELETE FROM findings WHERE run_id = ?');
  const findingDelete = db.prepare('DELETE FROM findings WHERE run_id = ? AND fingerprint = ?');
  const testsDelete = db.prepare('DELETE FROM test_results WHERE run_id = ?');

  function current<T>(what: string, id: string, row: { json: string } | undefined, parse: (v: unknown) => T): T {
    if (!row) throw new AtqosError('store_not_found', `no ${what} with id ${id} in the store`, { hint: `insert the ${what} before updating it` });
    return parse(JSON.parse(row.json));
  }

  return {
    insertRun(run) {
      runInsert.run(runToRow(scrubValue(Run.parse(run))));
    },
    updateRun(id, patch) {
      const row = runSelect.get(id);
      if (!row) throw new AtqosError('store_not_found', `no run with id ${id} in the store`, { hint: 'insert the run before updating it' });
      const parsed = parseRunRow(row);
      if (!parsed.success) throw new AtqosError('store_bad_row', `stored run ${id} does not match the Run model: ${parsed.error.message}`);
      const next = Run.parse({ ...parsed.data, ...patch, id });
      runUpdate.run(runToRow(scrubValue(next)));
      return next;
    },
    upsertFindings(runId, findings) {
      for (const f of findings) {
        const v = scrubValue(Finding.parse(f));
        findingUpsert.run(runId, v.fingerprint, v.tool, v.kind, v.severity, v.category, v.scope.file ?? null, v.scope.nodeId ?? null, v.title, JSON.stringify(v));
      }
    },
    insertTasks(tasks) {
      for (const t of tasks) {
        const v = scrubValue(Task.parse(t));
        taskInsert.run(v.id, v.runId, v.type, v.tool, v.status, v.priority, v.branch ?? null, JSON.stringify(v));
      }
    },
    updateTask(id, patch) {
      const next = Task.parse({ ...current('task', id, taskSelect.get(id), (v) => Task.parse(v)), ...patch, id });
      const v = scrubValue(next);
      taskReplace.run(v.type, v.tool, v.status, v.priority, v.branch ?? null, JSON.stringify(v), id);
      return next;
    },
    insertAttempt(runId, attempt) {
      const v = scrubValue(Attempt.parse(attempt));
      attemptInsert.run(v.id, v.taskId, runId, v.n, v.agent, v.outcome ?? null, JSON.stringify(v));
    },
    updateAttempt(id, patch) {
      const next = Attempt.parse({ ...current('attempt', id, attemptSelect.get(id), (v) => Attempt.parse(v)), ...patch, id });
      const v = scrubValue(next);
      attemptReplace.run(v.n, v.agent, v.outcome ?? null, JSON.stringify(v), id);
      return next;
    },
    insertArtifacts(runId, artifacts) {
      for (const a of artifacts) {
        const v = StoredArtifact.parse(a);
        artifactUpsert.run(runId, v.path, v.kind, v.bytes, v.sha256 ?? null);
      }
    },
    insertTestResults(runId, results) {
      for (const r of results.map(scrubValue)) testInsert.run(runId, r.tool, r.nodeId, r.file ?? null, r.outcome, r.durationMs);
    },
    clearCollected(runId) {
      findingsDelete.run(runId);
      testsDelete.run(runId);
    },
    deleteFindings(runId, fingerprints) {
      for (const fp of fingerprints) findingDelete.run(runId, fp);
    },
  };
}
