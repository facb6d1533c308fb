import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/index.js';
import { fingerprint } from '../../src/core/index.js';
import { registry } from '../index.js';
import { coveragePlugin } from './index.js';
import { plan } from './plan.js';
import { projectsDir } from './test-support.js';

const gap = (file: string, details: Record<string, unknown> = {}): Finding => ({
  tool: 'coverage', kind: 'coverage_gap', severity: 'low', category: 'coverage', scope: { file },
  fingerprint: fingerprint(['coverage', 'coverage_gap', file]), title: file, message: file,
  evidence: { sourceFiles: [file], details: { percent: 10, target: 80, gapStatements: 3, churnCommits: 0, critical: false, ...details } }, artifacts: [],
});

describe('the coverage plugin', () => {
  it('is registered and joins only the weekly and release lanes by itself', () => {
    expect(registry.get('coverage')).toBe(coveragePlugin);
    expect(coveragePlugin.lanes).toEqual(['weekly', 'release']);
  });

  it('applies wherever pytest does', async () => {
    expect(await coveragePlugin.detect(path.join(projectsDir, 'coverage-gaps'))).toBe(true);
    expect(await coveragePlugin.detect(path.join(projectsDir, '..', '..', 'src'))).toBe(false);
  });

  it('plans nothing for other tools, test files, or modules imported before coverage started', () => {
    const other = { ...gap('src/a.py'), tool: 'pytest' };
    const drafts = plan({
      findings: [other, gap('tests/helpers.py'), gap('src/early.py', { importedBeforeCoverage: true }), gap('src/b.py'), gap('src/c.py', { critical: true })],
      options: undefined,
      isTestFile: (p) => p.startsWith('tests/'),
    });
    expect(drafts.map((d) => [d.targets.files[0], d.priority])).toEqual([['src/c.py', 500], ['src/b.py', 501]]);
    expect(drafts.every((d) => d.priority >= 500 && d.type === 'add_test')).toBe(true);
  });

  it('validates a quarantine by running its test file, and an add_test with the add-test check', () => {
    const quarantine = coveragePlugin.validation({ files: ['tests/test_strings.py'], nodeIds: ['tests/test_strings.py::test_upper'] }, { python: '/usr/bin/python3' });
    expect(quarantine.commands[0]!.argv).toEqual(['/usr/bin/python3', '-m', 'pytest', '-p', 'no:cacheprovider', '--color=no', '-rA', '--', 'tests/test_strings.py']);
    expect(quarantine.expect).toBe('exit-zero');
    const addTest = coveragePlugin.validation({ files: ['src/shop/cart.py'], nodeIds: [] }, { python: '/usr/bin/python3' });
    expect(addTest.commands[0]!.argv.join(' ')).toMatch(/--module=src\/shop\/cart.py/);
  });
});

describe('pytest helpers reused for coverage tasks', () => {
  it('lists the inventory and matches test files with the coverage options translated', () => {
    const options = coveragePlugin.parseOptions({ python: '/usr/bin/python3', runner: 'pytest-cov', args: ['-x'], testPaths: ['tests/test_only.py'] });
    expect(coveragePlugin.inventory!.command(options).argv).toEqual(['/usr/bin/python3', '-m', 'pytest', '-x', '-p', 'no:cacheprovider', '--color=no', '--collect-only', '-q', '--continue-on-collection-errors', '--', 'tests/test_only.py']);
    const isTest = coveragePlugin.testFiles!(path.join(projectsDir, 'coverage-gaps'), options);
    expect([isTest('tests/test_cart.py'), isTest('src/shop/cart.py'), isTest('tests/test_only.py')]).toEqual([true, false, true]);
    expect(coveragePlugin.guards?.map((g) => g.id)).toContain('no-new-skips');
  });
});
