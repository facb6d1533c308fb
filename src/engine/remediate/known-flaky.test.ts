// Which flaky tests validations leave out, from findings the real flaky plugin builds.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../core/index.js';
import { liftableFinding } from '../../../plugins/flaky/findings.js';
import { historyStats } from '../../../plugins/flaky/stats.js';
import { knownFlakyTests } from './known-flaky.js';

const flaky = (nodeId: string): Finding => ({
  tool: 'flaky', kind: 'flaky_test', severity: 'medium', category: 'flaky', scope: { nodeId, file: nodeId.split('::')[0] },
  fingerprint: nodeId.padEnd(40, 'x'), title: nodeId, message: 'flips', evidence: { sourceFiles: [], details: { reruns: 6, rerunFailures: 2 } }, artifacts: [],
});

describe('knownFlakyTests', () => {
  it('lists the run\'s flaky tests once each, sorted, but not a test whose quarantine can be lifted', () => {
    const liftable = liftableFinding('tests/test_b.py::test_lifted', '@pytest.mark.xfail', 5, 40, [], [], historyStats(undefined, true));
    expect(liftable.evidence.details?.['quarantineExpired']).toBe(true);
    expect(knownFlakyTests([flaky('tests/test_c.py::test_z'), liftable, flaky('tests/test_a.py::test_y'), flaky('tests/test_c.py::test_z')]))
      .toEqual(['tests/test_a.py::test_y', 'tests/test_c.py::test_z']);
  });
});
