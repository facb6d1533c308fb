import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtqosError } from '../core/errors.js';
import type { TestResult } from '../core/test-result.js';
import { openStore } from './open-store.js';
import { artifactsForRun, attemptsForTask, findingsForRun, tasksForRun } from './queries.js';
import { getRun } from './run-queries.js';
import type { Store } from './store.js';
import { collectWarnings, sampleAttempt, sampleFinding, sampleRun, sampleTask, storeTracker, tempDir } from './test-support.js';

const track = storeTracker();

function freshStore(warn = collectWarnings().warn): Store {
  const store = openStore(path.join(tempDir(), 'state.db'), { warn });
  track(store);
  store.transaction((tx) => tx.insertRun(sampleRun('r1')));
  return store;
}

describe('StoreTx', () => {
  it('updates a run by merging and validating, and rejects an invalid patch', () => {
    const store = freshStore();
    const counts = { total: 3, passed: 2, failed: 1, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, durationMs: 12 };
    const done = store.transaction((tx) => tx.updateRun('r1', { status: 'finished', conclusion: 'red', counts, findingCount: 1 }));
    expect(done.lane).toBe('nightly');
    expect(getRun(store, 'r1')).toEqual(done);
    expect(() => store.transaction((tx) => tx.updateRun('r1', { status: 'bogus' as never }))).toThrow();
    expect(getRun(store, 'r1')?.status).toBe('finished');
    expect(() => store.transaction((tx) => tx.updateRun('nope', {}))).toThrow(AtqosError);
  });

  it('upserts findings by (run, fingerprint) and reads them back through the Finding model', () => {
    const store = freshStore();
    const f = sampleFinding('tests/test_a.py::test_x');
    store.transaction((tx) => tx.upsertFindings('r1', [f, sampleFinding('tests/test_a.py::test_y')]));
    store.transaction((tx) => tx.upsertFindings('r1', [{ ...f, title: 'retitled' }]));
    const stored = findingsForRun(store, 'r1');
    expect(stored).toHaveLength(2);
    expect(stored.find((s) => s.fingerprint === f.fingerprint)?.title).toBe('retitled');
  });

  it('stores tasks and attempts and updates them', () => {
    const store = freshStore();
    const f = sampleFinding('tests/test_a.py::test_x');
    store.transaction((tx) => {
      tx.upsertFindings('r1', [f]);
      tx.insertTasks([sampleTask('r1-t2', 'r1', f, 5), sampleTask('r1-t1', 'r1', f, 1)]);
      tx.insertAttempt('r1', sampleAttempt('r1-t1-a1', 'r1-t1'));
    });
    store.transaction((tx) => {
      tx.updateTask('r1-t1', { status: 'succeeded', branch: 'atqos/fix/abc' });
      tx.updateAttempt('r1-t1-a1', { outcome: 'accepted', finishedAt: '2025-01-01T00:02:00.000Z' });
    });
    const tasks = tasksForRun(store, 'r1');
    expect(tasks.map((t) => [t.id, t.status])).toEqual([['r1-t1', 'succeeded'], ['r1-t2', 'queued']]);
    expect(store.db.prepare("SELECT branch FROM tasks WHERE id = 'r1-t1'").get()).toEqual({ branch: 'atqos/fix/abc' });
    expect(attemptsForTask(store, 'r1-t1')[0]?.outcome).toBe('accepted');
    expect(() => store.transaction((tx) => tx.insertAttempt('r1', sampleAttempt('a9', 'no-such-task')))).toThrow(/FOREIGN KEY/);
  });

  it('stores artifacts, replacing by path', () => {
    const store = freshStore();
    store.transaction((tx) => tx.insertArtifacts('r1', [{ path: 'raw/pytest/junit.xml', kind: 'raw', bytes: 10 }]));
    store.transaction((tx) =>
      tx.insertArtifacts('r1', [{ path: 'raw/pytest/junit.xml', kind: 'raw', bytes: 20, sha256: 'a'.repeat(64) }]),
    );
    expect(artifactsForRun(store, 'r1')).toEqual([{ path: 'raw/pytest/junit.xml', kind: 'raw', bytes: 20, sha256: 'a'.repeat(64) }]);
  });

  it('inserts 100,000 test results in one transaction', () => {
    const store = freshStore();
    const results: TestResult[] = Array.from({ length: 100_000 }, (_, i) => ({
      tool: 'pytest',
      nodeId: `tests/test_m${i % 100}.py::test_${i}`,
      file: `tests/test_m${i % 100}.py`,
      outcome: i % 10 === 0 ? 'failed' : 'passed',
      durationMs: i % 1000,
    }));
    store.transaction((tx) => tx.insertTestResults('r1', results));
    const counts = store.db.prepare("SELECT COUNT(*) AS n, SUM(outcome = 'failed') AS failed FROM test_results WHERE run_id = 'r1'").get();
    expect(counts).toEqual({ n: 100_000, failed: 10_000 });
  });

  it('skips a stored row that no longer matches its model, with a warning', () => {
    const { warn, warnings } = collectWarnings();
    const store = freshStore(warn);
    store.transaction((tx) => tx.upsertFindings('r1', [sampleFinding('tests/test_a.py::ok')]));
    store.db
      .prepare("INSERT INTO findings (run_id, fingerprint, tool, kind, severity, category, title, json) VALUES ('r1', 'ff', 't', 'k', 's', 'c', 'x', ?)")
      .run('{"tool": "pytest"}');
    store.db
      .prepare("INSERT INTO findings (run_id, fingerprint, tool, kind, severity, category, title, json) VALUES ('r1', 'fe', 't', 'k', 's', 'c', 'x', ?)")
      .run('{not json');
    expect(findingsForRun(store, 'r1').map((f) => f.scope.nodeId)).toEqual(['tests/test_a.py::ok']);
    expect(warnings.map((w) => w.fields['fingerprint'])).toEqual(['ff', 'fe']);
  });
});
