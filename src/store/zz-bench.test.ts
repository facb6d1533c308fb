import path from 'node:path';
import { it } from 'vitest';
import { openStore } from './open-store.js';
import { sampleRun, tempDir } from './test-support.js';
it('bench', () => {
  const store = openStore(path.join(tempDir(), 'state.db'));
  store.transaction((tx) => tx.insertRun(sampleRun('r1')));
  const results = Array.from({ length: 100_000 }, (_, i) => ({ tool: 'pytest', nodeId: `tests/test_m${i % 100}.py::test_${i}`, file: `tests/test_m${i % 100}.py`, outcome: 'passed' as const, durationMs: i % 1000 }));
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    store.transaction((tx) => tx.insertTestResults(k === 0 ? 'r1' : 'r1', results));
    console.log('insert ms', performance.now() - t);
  }
});
