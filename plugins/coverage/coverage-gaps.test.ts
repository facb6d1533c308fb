import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/index.js';
import type { NormalizeOutput, TaskDraft } from '../../src/plugin/contract.js';
import { ImpactMap } from './impact-map.js';
import { normalize } from './normalize.js';
import { plan } from './plan.js';
import type { CoverageGapSummary } from './summary.js';
import { collectIn, DEBIAN_PYTHON, gitProject, gitStatus, removeTemps } from './test-support.js';
import type { CollectedRun } from './test-support.js';

// The real collect → normalize → plan on fixtures/projects/coverage-gaps with Debian's
// coverage 6.5 and pytest-cov 4: payments.py is critical (target 95), cart.py has a known gap,
// reports.py has no test, pricing.py is fully covered, test_strings.py runs no project code.
const OPTIONS = { python: DEBIAN_PYTHON, critical: ['src/shop/payments.py'], targets: [{ glob: 'src/shop/payments.py', min: 95 }] };
const isTestFile = (p: string) => /(^|\/)tests\//.test(p);

interface Result { repo: string; run: CollectedRun; out: NormalizeOutput; tasks: TaskDraft[] }

async function runOn(runner: 'coverage-run' | 'pytest-cov'): Promise<Result> {
  // cart.py changes in two more commits, payments.py in one: churn 3 and 2.
  const repo = gitProject('coverage-gaps', [['src/shop/cart.py'], ['src/shop/cart.py', 'src/shop/payments.py']]);
  const run = await collectIn(repo, { ...OPTIONS, runner });
  const out = normalize(run.input);
  return { repo, run, out, tasks: plan({ findings: out.findings, options: run.input.options, isTestFile }) };
}

const gaps = (out: NormalizeOutput) => out.findings.filter((f) => f.kind === 'coverage_gap');
const gapView = (f: Finding) => ({ file: f.scope.file, severity: f.severity, ...pick(f.evidence.details!, ['percent', 'target', 'statements', 'missingLines', 'churnCommits', 'critical', 'status', 'gapStatements']) });
const pick = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, o[k]]));

const EXPECTED_GAPS = [
  { file: 'src/shop/cart.py', severity: 'low', percent: 56.25, target: 80, statements: 16, missingLines: ['15-17', '20-23'], churnCommits: 3, critical: false, status: 'below_target', gapStatements: 4 },
  { file: 'src/shop/payments.py', severity: 'high', percent: 50, target: 95, statements: 12, missingLines: ['6', '13-17'], churnCommits: 2, critical: true, status: 'below_target', gapStatements: 6 },
  { file: 'src/shop/reports.py', severity: 'medium', percent: 0, target: 80, statements: 5, missingLines: ['4-6', '9-10'], churnCommits: 1, critical: false, status: 'no_tests', gapStatements: 4 },
];

afterAll(removeTemps);

describe.each(['coverage-run', 'pytest-cov'] as const)('runner %s', (runner) => {
  let r: Result;
  beforeAll(async () => {
    r = await runOn(runner);
  }, 120_000);

  it('finds exactly the modules below their targets, with the evidence that ranks them', () => {
    expect(r.out.trustworthy).toBe(true);
    expect(gaps(r.out).map(gapView)).toEqual(EXPECTED_GAPS);
    expect(gaps(r.out)[0]!.message).toBe('src/shop/cart.py covers 9 of 16 statements (56.25%), below its 80% target: missing lines 15-17, 20-23');
  });

  it('calls the test that executes no project code obsolete, and nothing else', () => {
    const obsolete = r.out.findings.filter((f) => f.kind === 'obsolete_test');
    expect(obsolete.map((f) => [f.scope.nodeId, f.severity])).toEqual([['tests/test_strings.py::test_upper', 'low']]);
    expect(obsolete[0]!.message).toMatch(/executing a single line of the measured source \(src\/shop\)/);
  });

  it('writes the PRD-78 gap summary: totals, inventory by path, covered and missing modules, action items in task order', () => {
    const s = r.out.reports!['coverage-gap-summary.json'] as CoverageGapSummary;
    expect(s.generated_at).toBe(new Date(r.run.input.runStartedAtMs).toISOString());
    expect(s.totals).toEqual({ percent: 55, statements: 40, missing: 18 });
    expect(s.module_inventory.map((m) => [m.module, m.path, m.percent, m.statements, m.missing, m.target, m.status])).toEqual([
      ['shop.cart', 'src/shop/cart.py', 56.25, 16, 7, 80, 'below_target'],
      ['shop.payments', 'src/shop/payments.py', 50, 12, 6, 95, 'below_target'],
      ['shop.pricing', 'src/shop/pricing.py', 100, 7, 0, 80, 'covered'],
      ['shop.reports', 'src/shop/reports.py', 0, 5, 5, 80, 'no_tests'],
    ]);
    expect(s.covered_modules.map((m) => m.path)).toEqual(['src/shop/pricing.py']);
    expect(s.missing_modules.map((m) => [m.path, m.reason])).toEqual([['src/shop/cart.py', 'below_target'], ['src/shop/payments.py', 'below_target'], ['src/shop/reports.py', 'no_tests']]);
    expect(s.action_items.map((a) => [a.path, a.gap, a.priority])).toEqual([['src/shop/payments.py', 45, 500], ['src/shop/cart.py', 23.75, 501], ['src/shop/reports.py', 80, 502]]);
    expect(s.action_items[0]!.reason).toBe('critical module; 6 more statement(s) to cover to reach 95%; 2 commit(s) in the last 90 days; missing lines 6, 13-17');
  });

  it('plans one add_test per gap (critical, then churn, then size) after fix tasks, then a quarantine', () => {
    expect(r.tasks.map((t) => [t.type, t.title, t.priority, t.targets])).toEqual([
      ['add_test', 'Add tests for src/shop/payments.py (50% → 95%)', 500, { files: ['src/shop/payments.py'], nodeIds: [] }],
      ['add_test', 'Add tests for src/shop/cart.py (56.25% → 80%)', 501, { files: ['src/shop/cart.py'], nodeIds: [] }],
      ['add_test', 'Add tests for src/shop/reports.py (0% → 80%)', 502, { files: ['src/shop/reports.py'], nodeIds: [] }],
      ['quarantine', 'Quarantine obsolete test tests/test_strings.py::test_upper: it executes no project code', 10_500, { files: ['tests/test_strings.py'], nodeIds: ['tests/test_strings.py::test_upper'] }],
    ]);
    expect(r.tasks[0]!.allowedPaths).toEqual(['tests/**', 'test/**', '**/tests/**', '**/test_*.py', '**/*_test.py']);
    expect(r.tasks[3]!.allowedPaths).toEqual(['tests/test_strings.py']);
  });

  it('writes the impact map: node id → executed lines, and the import-time lines apart', () => {
    const map = ImpactMap.parse(JSON.parse(r.run.input.read('impactMap')!));
    expect(map.tests['tests/test_cart.py::test_add_and_total']).toEqual({ 'src/shop/cart.py': [6, 9, 12] });
    expect(map.tests['tests/test_payments.py::test_charge_ok']).toEqual({ 'src/shop/payments.py': [5, 7, 9] });
    expect(Object.keys(map.tests)).not.toContain('tests/test_strings.py::test_upper');
    expect(map.importTime['src/shop/cart.py']).toEqual([1, 4, 5, 8, 11, 14, 19]);
    expect(map.sha).toMatch(/^[0-9a-f]{40}$/);
  });

  it('writes nothing into the repo: the data file and reports stay in the run dir', () => {
    expect(gitStatus(r.repo)).toBe('');
    expect(fs.existsSync(path.join(r.run.runDir, 'raw/coverage/.coverage'))).toBe(true);
  });
});
