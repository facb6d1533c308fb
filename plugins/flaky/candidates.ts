import type { EarlierResult } from '../../src/plugin/contract.js';
import { nodeFile } from '../pytest/node-ids.js';

/** A test that failed in this run's pytest pass: what the flaky plugin re-runs. */
export interface Candidate {
  nodeId: string;
  file: string;
  /** `failed` or `error`, as the pytest plugin reported it. */
  outcome: 'failed' | 'error';
  /** Fingerprints of the pytest findings about this test, which a flaky finding supersedes. */
  fingerprints: string[];
  /** The first line of the pytest finding's message (evidence for the flaky finding). */
  message?: string;
}

/**
 * The failing tests of the pytest plugin that ran earlier in this run, with the fingerprints of
 * their findings. Collection errors have no test to re-run and are left to the pytest plugin.
 */
export function failingTests(earlier: readonly EarlierResult[]): Candidate[] {
  const pytest = earlier.filter((e) => e.plugin === 'pytest');
  const out = new Map<string, Candidate>();
  for (const e of pytest) {
    for (const t of e.tests) {
      if (t.outcome !== 'failed' && t.outcome !== 'error') continue;
      out.set(t.nodeId, { nodeId: t.nodeId, file: t.file ?? nodeFile(t.nodeId), outcome: t.outcome, fingerprints: [] });
    }
  }
  for (const e of pytest) {
    for (const f of e.findings) {
      const c = f.scope.nodeId ? out.get(f.scope.nodeId) : undefined;
      if (!c || (f.kind !== 'test_failure' && f.kind !== 'test_error') || c.fingerprints.includes(f.fingerprint)) continue;
      c.fingerprints.push(f.fingerprint);
      c.message ??= f.message.split('\n').find((l) => l.trim())?.trim().slice(0, 300);
    }
  }
  return [...out.values()].sort((a, b) => a.nodeId.localeCompare(b.nodeId));
}

/**
 * The node ids of a quarantined test function (`file::[Class::]test`) in this run's pytest
 * results: each parametrized case, or the function itself when the lane did not run it.
 */
export function quarantinedCases(earlier: readonly EarlierResult[], functionId: string): string[] {
  const ids = earlier.filter((e) => e.plugin === 'pytest').flatMap((e) => e.tests.map((t) => t.nodeId))
    .filter((id) => id === functionId || (id.startsWith(functionId) && id[functionId.length] === '['));
  return ids.length ? [...new Set(ids)].sort() : [functionId];
}
