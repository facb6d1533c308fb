// add_test tasks are ordered after the run's test-stability tasks, across plugins, through the
// real planTasks and the real pytest, flaky, coverage and skip-audit plugins' plan steps.
import { describe, expect, it } from 'vitest';
import type { Finding, Task } from '../core/index.js';
import { registry } from '../../plugins/index.js';
import type { Plugin } from '../plugin/contract.js';
import { planTasks } from './plan-tasks.js';
import { waves } from './remediate/schedule.js';
import { groupTasks } from './matrix/group-tasks.js';
import { sequenceAfterStability } from './sequence-after-stability.js';

const fp = (c: string) => c.repeat(40);
const base = { severity: 'medium' as const, message: 'm', artifacts: [] };
const gap = (file: string, c: string): Finding => ({
  ...base, tool: 'coverage', kind: 'coverage_gap', category: 'coverage', scope: { file }, fingerprint: fp(c), title: `gap ${file}`,
  evidence: { sourceFiles: [file], details: { percent: 10, target: 80, gapStatements: 9 } },
});
const flaky = (nodeId: string, c: string): Finding => ({
  ...base, tool: 'flaky', kind: 'flaky_test', category: 'flaky', scope: { nodeId, file: nodeId.split('::')[0] }, fingerprint: fp(c), title: nodeId,
  evidence: { sourceFiles: [], details: { reruns: 6, rerunFailures: 2 } },
});
const failing = (nodeId: string, c: string): Finding => ({
  ...base, tool: 'pytest', kind: 'test_failure', category: 'assertion', scope: { nodeId, file: nodeId.split('::')[0] }, fingerprint: fp(c), title: nodeId,
  evidence: { sourceFiles: [], excerpt: 'assert 1 == 2' },
});
const stale = (nodeId: string, c: string): Finding => ({
  ...base, tool: 'skip-audit', kind: 'skip_stale', category: 'skip', scope: { nodeId, file: nodeId.split('::')[0] }, fingerprint: fp(c), title: nodeId,
  evidence: { sourceFiles: [] },
});

const plugin = (id: string) => registry.get(id) as Plugin;
const options = (id: string) => plugin(id).parseOptions({ python: '/usr/bin/python3' });

function plan(findings: Record<string, Finding[]>) {
  return planTasks('r1', process.cwd(), Object.entries(findings).map(([id, fs]) => ({ plugin: plugin(id), options: options(id), findings: fs })));
}

describe('add_test tasks are ordered after test stability, never blocked by it', () => {
  it('come after the fix and quarantine tasks of failing and flaky tests in queue order, with no dependency on them', () => {
    const tasks = plan({
      pytest: [failing('tests/test_a.py::test_x', 'a')],
      coverage: [gap('src/shop/pricing.py', 'b'), gap('src/shop/utils.py', 'c')],
      flaky: [flaky('tests/test_f.py::test_y', 'd')],
      'skip-audit': [stale('tests/test_s.py::test_z', 'e')],
    });
    const types = tasks.map((t) => t.type);
    expect(types.filter((t) => t === 'add_test')).toHaveLength(2);
    const stability = types.flatMap((t, i) => (['fix', 'update_test', 'quarantine'].includes(t) ? [i] : []));
    expect(stability).toHaveLength(2);
    expect(types.indexOf('add_test')).toBeGreaterThan(Math.max(...stability));
    for (const t of tasks) expect(t.dependsOn).toEqual([]);
    // One wave: an unfixable stability task cannot hold an add_test back, and no extra checkpoint.
    expect(waves(tasks)).toHaveLength(1);
    // Matrix mode: the add_test tasks are not chained to the stability tasks into one job.
    expect(groupTasks(tasks, { maxJobs: 10, tasksPerJob: 1 })).toHaveLength(tasks.length);
  });

  it('moves add_test tasks behind a stability task of higher priority, keeping their own order', () => {
    const task = (id: string, type: Task['type'], priority: number, findings: string[]): Task => ({
      id, runId: 'r1', type, tool: 'x', title: id, findings, targets: { files: [], nodeIds: [] }, allowedPaths: [],
      validation: { commands: [], expect: 'exit-zero', repeat: 1 }, retryPolicy: { maxAttempts: 2 }, priority, dependsOn: [], status: 'queued',
    });
    const findings = [failing('tests/test_a.py::test_x', 'a')];
    const out = sequenceAfterStability([task('add1', 'add_test', 500, [fp('b')]), task('add2', 'add_test', 502, [fp('c')]), task('fix1', 'fix', 700, [fp('a')]), task('lint', 'lint_fix', 800, [fp('e')])], findings);
    expect(out.map((t) => [t.id, t.priority, t.dependsOn])).toEqual([['add1', 701, []], ['add2', 703, []], ['fix1', 700, []], ['lint', 800, []]]);
    // A fix task of a finding that is not unstable (a lint problem's) orders nothing.
    expect(sequenceAfterStability([task('add1', 'add_test', 500, [fp('b')]), task('fix2', 'fix', 900, [fp('z')])], findings).map((t) => t.priority)).toEqual([500, 900]);
  });

  it('leaves add_test tasks as planned when the run has nothing unstable', () => {
    const tasks = plan({ coverage: [gap('src/shop/pricing.py', 'b')], 'skip-audit': [stale('tests/test_s.py::test_z', 'e')] });
    const addTest = tasks.find((t) => t.type === 'add_test')!;
    expect(addTest.dependsOn).toEqual([]);
    expect(addTest.priority).toBe(500);
  });
});
