import { describe, expect, it } from 'vitest';
import { Task } from '../../src/core/index.js';
import { normalize } from './normalize.js';
import { ENV_ALLOWED_PATHS, plan } from './plan.js';
import { isPytestTestFile, pytestTestFileMatcher } from './test-files.js';
import { loadCapture } from './test-support.js';

function planFor(name: string) {
  const input = loadCapture(name);
  return plan({ findings: normalize(input).findings, options: input.options, isTestFile: isPytestTestFile });
}

function asTask(d: ReturnType<typeof plan>[number]) {
  return Task.safeParse({ ...d, id: 't', runId: 'r', status: 'queued', dependsOn: [] });
}

describe('plan', () => {
  it('demo: one fix per failing test file, limited to the code under test', () => {
    const drafts = planFor('demo.py-debian');
    expect(drafts.map((d) => [d.type, d.targets.files, d.allowedPaths, d.priority])).toEqual([
      ['fix', ['tests/test_cart.py'], ['src/shop/cart.py'], 33],
      ['fix', ['tests/test_shipping.py'], ['src/shop/shipping.py'], 33],
    ]);
    expect(drafts[1]!.targets.nodeIds).toEqual(['tests/test_shipping.py::test_shipping_cost[1.0-4.9]', 'tests/test_shipping.py::test_shipping_cost[5.0-6.9]']);
    for (const d of drafts) {
      expect(asTask(d).success).toBe(true);
      expect(d.retryPolicy.maxAttempts).toBe(2);
      expect(d.validation).toMatchObject({ expect: 'targets-pass', repeat: 3 });
    }
  });

  it('env-error: one fix_env task that may touch manifests and config only', () => {
    const drafts = planFor('env-error.py-pyenv');
    expect(drafts).toHaveLength(1);
    const [env] = drafts;
    expect(env).toMatchObject({ type: 'fix_env', priority: 10, allowedPaths: ENV_ALLOWED_PATHS });
    expect(env!.allowedPaths.some((p) => p.startsWith('src/') || p.startsWith('tests/'))).toBe(false);
    expect(env!.findings).toHaveLength(3);
  });

  it('collection errors come first and may edit the broken module and the module it imports from', () => {
    const drafts = planFor('collection-error.py-pyenv');
    expect(drafts.map((d) => [d.type, d.priority, d.allowedPaths])).toEqual([
      ['update_test', 0, ['tests/test_reports.py']],
      ['update_test', 0, ['src/inventory/models.py', 'tests/test_warehouse.py']],
    ]);
  });

  it('a failure that lives entirely in test code becomes an update_test task on that file', () => {
    const [d] = planFor('teardown-error.py-pyenv');
    expect(d).toMatchObject({ type: 'update_test', allowedPaths: ['tests/test_files.py'], targets: { nodeIds: ['tests/test_files.py::test_put_then_get'] } });
    expect(d!.findings).toHaveLength(2);
  });

  it('fix tasks wait for the environment task of the same plan', () => {
    const env = normalize(loadCapture('env-error.py-pyenv')).findings;
    const demo = normalize(loadCapture('demo.py-pyenv')).findings;
    const drafts = plan({ findings: [...demo, ...env], options: {}, isTestFile: isPytestTestFile });
    const envIndex = drafts.findIndex((d) => d.type === 'fix_env');
    expect(envIndex).toBe(0);
    expect(drafts.filter((d) => d.type === 'fix').every((d) => d.dependsOnDrafts?.[0] === envIndex)).toBe(true);
  });

  it('tells test code from the code under test with the repo matcher it is given', () => {
    const findings = normalize(loadCapture('demo.py-debian')).findings;
    // python_files = *.py: every module is a test module, so no failure has code under test.
    const drafts = plan({ findings, options: {}, isTestFile: pytestTestFileMatcher(['*.py']) });
    expect(drafts.map((d) => [d.type, d.allowedPaths])).toEqual([
      ['update_test', ['tests/test_cart.py']],
      ['update_test', ['tests/test_shipping.py']],
    ]);
  });

  it('ignores findings of other tools and plans nothing for a clean run', () => {
    expect(planFor('clean.py-pyenv')).toEqual([]);
    const foreign = normalize(loadCapture('demo.py-pyenv')).findings.map((f) => ({ ...f, tool: 'ruff' }));
    expect(plan({ findings: foreign, options: {}, isTestFile: isPytestTestFile })).toEqual([]);
  });
});
