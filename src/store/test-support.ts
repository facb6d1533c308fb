import { afterEach } from 'vitest';
import type { Store } from './store.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Attempt } from '../core/attempt.js';
import type { Finding } from '../core/finding.js';
import { fingerprint } from '../core/fingerprint.js';
import type { Run } from '../core/run.js';
import type { Task } from '../core/task.js';
import type { StoreWarn } from './store.js';

/** Sample objects and temp dirs for the store's specs. */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-store-'));
}

export function collectWarnings(): { warn: StoreWarn; warnings: { fields: Record<string, unknown>; msg: string }[] } {
  const warnings: { fields: Record<string, unknown>; msg: string }[] = [];
  return { warn: (fields, msg) => warnings.push({ fields, msg }), warnings };
}

export function sampleRun(id: string, startedAt = '2025-01-01T00:00:00.000Z', extra: Partial<Run> = {}): Run {
  return { id, repo: 'acme/widgets', lane: 'nightly', command: 'run', status: 'running', startedAt, findingCount: 0, ...extra };
}

export function sampleFinding(nodeId: string): Finding {
  return {
    tool: 'pytest',
    kind: 'test_failure',
    severity: 'high',
    category: 'assertion',
    scope: { file: 'tests/test_a.py', nodeId },
    fingerprint: fingerprint(['pytest', 'test_failure', nodeId]),
    title: `${nodeId} fails`,
    message: 'assert 1 == 2',
    evidence: { sourceFiles: ['tests/test_a.py'] },
    artifacts: [{ path: 'raw/pytest/junit.xml' }],
  };
}

export function sampleTask(id: string, runId: string, finding: Finding, priority = 1): Task {
  return {
    id,
    runId,
    type: 'fix',
    tool: 'pytest',
    title: finding.title,
    findings: [finding.fingerprint],
    targets: { files: ['tests/test_a.py'], nodeIds: [finding.scope.nodeId ?? ''] },
    allowedPaths: ['src/**'],
    validation: { commands: [{ argv: ['pytest', '-q'] }], expect: 'targets-pass', repeat: 2 },
    retryPolicy: { maxAttempts: 2 },
    priority,
    dependsOn: [],
    status: 'queued',
  };
}

export function sampleAttempt(id: string, taskId: string, n = 1): Attempt {
  return {
    id,
    taskId,
    n,
    agent: 'builtin',
    startedAt: '2025-01-01T00:01:00.000Z',
    diffStat: { files: 1, insertions: 2, deletions: 1 },
    guards: [{ guard: 'allowed-paths', passed: true }],
    cost: { usd: 0.01, turns: 3 },
  };
}

/**
 * Returns `track(store)`, which closes every tracked store after each test of the calling file.
 * Call it at the top level of a test file.
 */
export function storeTracker(): (store: Store) => Store {
  const open: Store[] = [];
  afterEach(() => {
    for (const s of open.splice(0)) if (s.db.open) s.close();
  });
  return (store) => {
    open.push(store);
    return store;
  };
}
