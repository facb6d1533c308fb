import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/index.js';
import { registry } from '../../plugins/index.js';
import { pytestPlugin } from '../../plugins/pytest/index.js';
import type { TaskDraft } from '../plugin/contract.js';
import { escalateSystemic } from './escalate.js';
import { executeRun } from './execute-run.js';
import { silentLogger } from './logger.js';

const finding = (fp: string, nodeId: string, message: string): Finding => ({
  tool: 'pytest', kind: 'test_error', severity: 'high', category: 'exception', scope: { nodeId, file: nodeId.split('::')[0] },
  fingerprint: fp.repeat(40).slice(0, 40), title: nodeId, message, evidence: { exceptionType: 'TypeError', sourceFiles: [] }, artifacts: [],
});

const draft = (file: string, fps: string[], extra: Partial<TaskDraft> = {}): TaskDraft => ({
  type: 'fix', tool: 'pytest', title: file, findings: fps, targets: { files: [file], nodeIds: [] }, allowedPaths: ['src/a.py'],
  validation: { commands: [], expect: 'exit-zero', repeat: 1 }, retryPolicy: { maxAttempts: 2 }, priority: 20, ...extra,
});

describe('escalateSystemic', () => {
  it('turns one failure in three tasks into one systemic task the others wait for', () => {
    const boom = 'TypeError: boom() takes 1 positional argument but 2 were given';
    const fs3 = [finding('a', 't1.py::x', boom), finding('b', 't2.py::x', boom), finding('c', 't3.py::x', boom), finding('d', 't3.py::y', 'AssertionError: assert 1 == 2')];
    const drafts = [
      draft('env', ['e'.repeat(40)], { type: 'fix_env', priority: 10 }),
      draft('t1.py', [fs3[0]!.fingerprint], { dependsOnDrafts: [0] }),
      draft('t2.py', [fs3[1]!.fingerprint], { dependsOnDrafts: [0] }),
      draft('t3.py', [fs3[2]!.fingerprint, fs3[3]!.fingerprint], { dependsOnDrafts: [0] }),
    ];
    const out = escalateSystemic(drafts, fs3, pytestPlugin, {});
    expect(out.map((d) => d.type)).toEqual(['fix_env', 'fix', 'systemic']);
    const systemic = out[2]!;
    expect(systemic.findings).toHaveLength(3);
    expect(systemic.retryPolicy.maxAttempts).toBe(3);
    expect(systemic.dependsOnDrafts).toEqual([0]);
    expect(systemic.priority).toBeLessThan(20);
    // t3 keeps its own assertion failure and now waits for the systemic task (index 2 after dropping t1, t2).
    expect(out[1]).toMatchObject({ title: 't3.py', findings: [fs3[3]!.fingerprint], dependsOnDrafts: [0, 2] });
  });

  it('leaves two tasks with the same failure alone', () => {
    const boom = 'TypeError: boom';
    const two = [finding('a', 't1.py::x', boom), finding('b', 't2.py::x', boom)];
    const drafts = [draft('t1.py', [two[0]!.fingerprint]), draft('t2.py', [two[1]!.fingerprint])];
    expect(escalateSystemic(drafts, two, pytestPlugin, {})).toBe(drafts);
  });

  it('plans one systemic task for a broken helper used by three test modules (real pytest)', async () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-systemic-'));
    fs.cpSync(path.resolve('fixtures/projects/systemic'), repo, { recursive: true });
    const out = await executeRun({ repoDir: repo, registry, command: 'diagnose', log: silentLogger });
    expect(out.findings).toHaveLength(3);
    expect(out.tasks).toHaveLength(1);
    expect(out.tasks[0]).toMatchObject({ type: 'systemic', allowedPaths: ['src/shop/prices.py'] });
    expect(out.tasks[0]?.targets.nodeIds).toHaveLength(3);
  });
});
