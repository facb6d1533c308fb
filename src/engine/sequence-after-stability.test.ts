// add_test tasks wait for the run's test-stability tasks, across plugins, through the real
// planTasks and the real pytest, flaky, coverage and skip-audit plugins' plan steps.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/index.js';
import { registry } from '../../plugins/index.js';
import type { Plugin } from '../plugin/contract.js';
import { planTasks } from './plan-tasks.js';
import { waves } from './remediate/schedule.js';

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

describe('add_test tasks are sequenced after test stability', () => {
  it('depend on the fix and quarantine tasks of failing and flaky tests, not on unrelated tasks', () => {
    const tasks = plan({
      pytest: [failing('tests/test_a.py::test_x', 'a')],
      coverage: [gap('src/shop/pricing.py', 'b'), gap('src/shop/utils.py', 'c')],
      flaky: [flaky('tests/test_f.py::test_y', 'd')],
      'skip-audit': [stale('tests/test_s.py::test_z', 'e')],
    });
    const byType = (t: string) => tasks.filter((x) => x.type === t);
    const stability = [...byType('fix'), ...byType('update_test'), ...byType('quarantine')].map((t) => t.id).sort();
    expect(stability).toHaveLength(2);
    expect(byType('add_test')).toHaveLength(2);
    for (const t of byType('add_test')) expect([...t.dependsOn].sort()).toEqual(stability);
    expect(byType('remove_skip')[0]!.dependsOn).toEqual([]);
    // The engine's waves put every add_test after the stability tasks.
    const order = waves(tasks).map((w) => w.map((t) => t.type).sort());
    expect(order.at(-1)).toEqual(['add_test', 'add_test']);
    expect(order.slice(0, -1).flat()).not.toContain('add_test');
  });

  it('leaves add_test tasks free when the run has nothing unstable', () => {
    const tasks = plan({ coverage: [gap('src/shop/pricing.py', 'b')], 'skip-audit': [stale('tests/test_s.py::test_z', 'e')] });
    expect(tasks.find((t) => t.type === 'add_test')!.dependsOn).toEqual([]);
  });
});
