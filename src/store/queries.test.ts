import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtqosError } from '../core/errors.js';
import { openStore } from './open-store.js';
import { testHistory } from './queries.js';
import { getRun, listRuns } from './run-queries.js';
import type { Store } from './store.js';
import { collectWarnings, sampleRun, storeTracker, tempDir } from './test-support.js';

const track = storeTracker();

/** Three runs a day apart, each running the same test with a different outcome. */
function threeRuns(): Store {
  const store = openStore(path.join(tempDir(), 'state.db'), { warn: collectWarnings().warn });
  track(store);
  const outcomes = ['passed', 'failed', 'passed'] as const;
  outcomes.forEach((outcome, i) => {
    const id = `2025010${i + 1}-run${i}`;
    store.transaction((tx) => {
      tx.insertRun(sampleRun(id, `2025-01-0${i + 1}T00:00:00.000Z`, i === 0 ? { status: 'finished', conclusion: 'green' } : {}));
      tx.insertTestResults(id, [
        { tool: 'pytest', nodeId: 'tests/test_a.py::test_flaky', outcome, durationMs: 100 * (i + 1) },
        { tool: 'pytest', nodeId: 'tests/test_a.py::test_other', outcome: 'passed', durationMs: 1 },
      ]);
    });
  });
  return store;
}

describe('queries', () => {
  it('lists runs newest first, with a limit', () => {
    const store = threeRuns();
    expect(listRuns(store).map((r) => r.id)).toEqual(['20250103-run2', '20250102-run1', '20250101-run0']);
    expect(listRuns(store, { limit: 1 }).map((r) => r.id)).toEqual(['20250103-run2']);
  });

  it('finds a run by id or unique prefix and rejects an ambiguous prefix', () => {
    const store = threeRuns();
    expect(getRun(store, '20250102-run1')?.startedAt).toBe('2025-01-02T00:00:00.000Z');
    expect(getRun(store, '20250103')?.id).toBe('20250103-run2');
    expect(getRun(store, 'zzz')).toBeUndefined();
    expect(() => getRun(store, '2025010')).toThrow(AtqosError);
    expect(() => getRun(store, '2025010')).toThrow(/20250101-run0, 20250102-run1, 20250103-run2/);
  });

  it('gives a test its outcome and duration per run, newest first', () => {
    const store = threeRuns();
    expect(testHistory(store, 'pytest', 'tests/test_a.py::test_flaky')).toEqual([
      { runId: '20250103-run2', startedAt: '2025-01-03T00:00:00.000Z', outcome: 'passed', durationMs: 300 },
      { runId: '20250102-run1', startedAt: '2025-01-02T00:00:00.000Z', outcome: 'failed', durationMs: 200 },
      { runId: '20250101-run0', startedAt: '2025-01-01T00:00:00.000Z', outcome: 'passed', durationMs: 100 },
    ]);
    expect(testHistory(store, 'pytest', 'tests/test_a.py::test_flaky', { limit: 2 })).toHaveLength(2);
    expect(testHistory(store, 'vitest', 'tests/test_a.py::test_flaky')).toEqual([]);
  });
});
