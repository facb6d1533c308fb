import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtqosError } from '../core/errors.js';
import { importRun } from './import-run.js';
import { openStore } from './open-store.js';
import { eventsForRun, findingsForRun, tasksForRun, testHistory } from './queries.js';
import { RunRecorder } from './recorder.js';
import { getRun } from './run-queries.js';
import { sampleAttempt, sampleFinding, sampleRun, sampleTask, storeTracker, tempDir } from './test-support.js';

const track = storeTracker();

/** A run directory with its own state.db holding one row in every table for `runId`. */
function runDirStore(root: string, runId: string): string {
  const runDir = path.join(root, 'runs', runId);
  const file = path.join(runDir, 'state.db');
  const store = track(openStore(file));
  const rec = new RunRecorder(store, { runId, runDir });
  const f = sampleFinding('tests/test_a.py::test_x');
  rec.record('run.started', {}, (tx) => tx.insertRun(sampleRun(runId)));
  rec.record('normalized', { findings: 1 }, (tx) => {
    tx.upsertFindings(runId, [f]);
    tx.insertTestResults(runId, [{ tool: 'pytest', nodeId: 'tests/test_a.py::test_x', outcome: 'failed', durationMs: 5 }]);
    tx.insertArtifacts(runId, [{ path: 'raw/pytest/junit.xml', kind: 'raw', bytes: 99 }]);
  });
  rec.record('planned', {}, (tx) => tx.insertTasks([sampleTask(`${runId}-t1`, runId, f)]));
  rec.record('attempted', {}, (tx) => tx.insertAttempt(runId, sampleAttempt(`${runId}-t1-a1`, `${runId}-t1`)));
  rec.record('run.finished', {}, (tx) => tx.updateRun(runId, { status: 'finished', conclusion: 'red', findingCount: 1 }));
  store.close();
  return file;
}

const ONE_OF_EACH = { runs: 1, tasks: 1, findings: 1, attempts: 1, artifacts: 1, events: 5, test_results: 1 };

describe('importRun', () => {
  it('copies every table of one run, and importing twice is importing once', () => {
    const root = tempDir();
    const source = runDirStore(root, 'run-a');
    const index = track(openStore(path.join(root, 'state.db')));
    expect(importRun(index, source, 'run-a')).toEqual(ONE_OF_EACH);
    expect(importRun(index, source, 'run-a')).toEqual(ONE_OF_EACH);
    expect(getRun(index, 'run-a')).toMatchObject({ status: 'finished', conclusion: 'red' });
    expect(findingsForRun(index, 'run-a')).toHaveLength(1);
    expect(tasksForRun(index, 'run-a').map((t) => t.id)).toEqual(['run-a-t1']);
    expect(eventsForRun(index, 'run-a').map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(testHistory(index, 'pytest', 'tests/test_a.py::test_x').map((h) => h.runId)).toEqual(['run-a']);
    const total = index.db.prepare('SELECT (SELECT COUNT(*) FROM events) + (SELECT COUNT(*) FROM runs) AS n').get();
    expect(total).toEqual({ n: 6 });
  });

  it('keeps other runs and replaces rows the run no longer has', () => {
    const root = tempDir();
    const a = runDirStore(root, 'run-a');
    const b = runDirStore(root, 'run-b');
    const index = track(openStore(path.join(root, 'state.db')));
    importRun(index, a, 'run-a');
    importRun(index, b, 'run-b');
    index.transaction((tx) => tx.upsertFindings('run-a', [sampleFinding('tests/test_a.py::stale')]));
    expect(findingsForRun(index, 'run-a')).toHaveLength(2);
    importRun(index, a, 'run-a');
    expect(findingsForRun(index, 'run-a')).toHaveLength(1);
    expect(getRun(index, 'run-b')?.id).toBe('run-b');
    expect(index.db.prepare('SELECT COUNT(*) AS n FROM test_results').get()).toEqual({ n: 2 });
  });

  it('explains a missing source file, a missing run, and a task id owned by another run', () => {
    const root = tempDir();
    const source = runDirStore(root, 'run-a');
    const index = track(openStore(path.join(root, 'state.db')));
    expect(() => importRun(index, path.join(root, 'nope.db'), 'run-a')).toThrow(/does not exist/);
    expect(() => importRun(index, source, 'run-zzz')).toThrow(/run run-zzz is not in the source store/);
    index.transaction((tx) => {
      tx.insertRun(sampleRun('other'));
      tx.insertTasks([sampleTask('run-a-t1', 'other', sampleFinding('tests/test_b.py::t'))]);
    });
    const err = (() => {
      try {
        importRun(index, source, 'run-a');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AtqosError);
    expect((err as AtqosError).code).toBe('import_id_clash');
    expect(getRun(index, 'run-a')).toBeUndefined();
    expect(index.db.prepare("SELECT COUNT(*) AS n FROM pragma_database_list WHERE name = 'src'").get()).toEqual({ n: 0 });
  });
});
