import { afterAll, describe, expect, it } from 'vitest';
import type { TestResult } from '../../src/core/index.js';
import { buildCtrf } from '../../src/reports/ctrf.js';
import { ingestWith, removeTempDirs, tempDir, writeTemp } from '../cobertura/test-support.js';
import { ctrfPlugin } from './index.js';

// ATQOS's own CTRF writer → this reader: every outcome of ours survives, node ids included.
describe('ctrf round trip through src/reports/ctrf.ts', () => {
  afterAll(removeTempDirs);

  it('gives back the tests, outcomes, files and messages ATQOS wrote', async () => {
    const tests: TestResult[] = [
      { tool: 'pytest', nodeId: 'tests/test_a.py::test_ok', outcome: 'passed', durationMs: 3, file: 'tests/test_a.py' },
      { tool: 'pytest', nodeId: 'tests/test_a.py::test_bad[ü > 1]', outcome: 'failed', durationMs: 7, file: 'tests/test_a.py', message: 'assert 1 == 2' },
      { tool: 'pytest', nodeId: 'tests/test_a.py::test_setup', outcome: 'error', durationMs: 0, file: 'tests/test_a.py', message: 'RuntimeError: db down' },
      { tool: 'pytest', nodeId: 'tests/test_b.py::test_skip', outcome: 'skipped', durationMs: 0, file: 'tests/test_b.py', message: 'no network' },
      { tool: 'pytest', nodeId: 'tests/test_b.py::test_xfail', outcome: 'xfailed', durationMs: 1, file: 'tests/test_b.py', message: 'known bug' },
      { tool: 'pytest', nodeId: 'tests/test_b.py::test_xpass', outcome: 'xpassed', durationMs: 1, file: 'tests/test_b.py' },
    ];
    const ctrf = buildCtrf({
      run: { id: 'r1', repo: '/repo', lane: 'nightly', command: 'diagnose', status: 'finished', conclusion: 'red', startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:01.000Z', findingCount: 2 },
      findings: [], tests, tasks: [],
      tools: [{ plugin: 'pytest', trustworthy: true, exitCode: 1, durationMs: 1, counts: undefined, notes: [], artifacts: [] }],
    });
    const { output } = await ingestWith(ctrfPlugin, tempDir('rt'), [writeTemp('ctrf.json', JSON.stringify(ctrf))]);
    expect(output.trustworthy).toBe(true);
    expect(output.notes.filter((n) => n.includes('declares'))).toEqual([]);
    expect(output.tests).toEqual(tests);
    expect(output.findings.map((f) => [f.scope.nodeId, f.kind])).toEqual([
      ['tests/test_a.py::test_bad[ü > 1]', 'test_failure'],
      ['tests/test_a.py::test_setup', 'test_error'],
    ]);
  });
});
