import { describe, expect, it } from 'vitest';
import { Finding } from '../../src/core/index.js';
import type { NormalizeInput } from '../../src/plugin/contract.js';
import { normalize } from './normalize.js';
import { loadCapture, parseSummaryLine } from './test-support.js';

const PROJECTS = ['clean', 'demo', 'collection-error', 'env-error', 'hostile-names', 'teardown-error'];
const TAGS = ['py-pyenv', 'py-debian'];

function byNode(input: NormalizeInput) {
  const out = normalize(input);
  return { out, test: (id: string) => out.tests.find((t) => t.nodeId === id), finding: (id: string) => out.findings.filter((f) => f.scope.nodeId === id) };
}

describe('normalize (captured real runs)', () => {
  for (const project of PROJECTS) {
    for (const tag of TAGS) {
      it(`${project} on ${tag}: counts equal pytest's own summary line`, () => {
        const input = loadCapture(`${project}.${tag}`);
        const summary = parseSummaryLine(input.read('stdout') ?? '');
        const out = normalize(input);
        expect(summary).toBeDefined();
        expect(out.trustworthy).toBe(true);
        const { total: _t, durationMs: _d, ...counts } = out.counts!;
        expect(counts).toEqual(summary);
        for (const f of out.findings) expect(Finding.safeParse(f).success).toBe(true);
      });
    }
  }

  it('demo: one finding per failure, with kind, category, scope and evidence', () => {
    const { out, test, finding } = byNode(loadCapture('demo.py-debian'));
    expect(out.findings).toHaveLength(4);
    const [discount] = finding('tests/test_cart.py::test_total_applies_percentage_discount');
    expect(discount).toMatchObject({ kind: 'test_failure', category: 'assertion', severity: 'high', scope: { file: 'tests/test_cart.py', line: 20, symbol: 'test_total_applies_percentage_discount' } });
    expect(discount!.evidence.assertionMessage).toContain('assert -6.0 == 3.6');
    expect(discount!.evidence.details?.['importedSourceFiles']).toEqual(['src/shop/cart.py']);
    const [zero] = finding('tests/test_cart.py::test_average_item_price_of_empty_cart_is_zero');
    expect(zero).toMatchObject({ kind: 'test_error', category: 'exception', scope: { file: 'src/shop/cart.py', line: 28 } });
    expect(zero!.evidence.exceptionType).toBe('ZeroDivisionError');
    expect(zero!.evidence.sourceFiles).toEqual(['tests/test_cart.py', 'src/shop/cart.py']);
    expect(zero!.evidence.excerpt).toContain('src/shop/cart.py:28: ZeroDivisionError');
    expect(zero!.evidence.excerpt).not.toContain(loadCapture('demo.py-debian').repoDir);
    expect(test('tests/test_cart.py::test_bulk_discount')?.outcome).toBe('xfailed');
    expect(test('tests/test_cart.py::test_total_in_other_currency')).toMatchObject({ outcome: 'skipped', message: expect.stringContaining('exchange-rate service') });
    expect(test('tests/test_report.py::test_sales_csv_of_a_busy_month')?.outcome).toBe('passed');
  });

  it('parametrized failures of one test get different fingerprints', () => {
    const { finding } = byNode(loadCapture('demo.py-pyenv'));
    const a = finding('tests/test_shipping.py::test_shipping_cost[1.0-4.9]')[0]!;
    const b = finding('tests/test_shipping.py::test_shipping_cost[5.0-6.9]')[0]!;
    expect(a.fingerprint).not.toBe(b.fingerprint);
    expect(a.scope.symbol).toBe('test_shipping_cost');
  });

  it('teardown error: a failure and a separate teardown error for the same test', () => {
    const { out, finding } = byNode(loadCapture('teardown-error.py-pyenv'));
    const fs = finding('tests/test_files.py::test_put_then_get');
    expect(fs.map((f) => f.kind).sort()).toEqual(['test_error', 'test_failure']);
    const teardown = fs.find((f) => f.kind === 'test_error')!;
    expect(teardown.evidence.details?.['phase']).toBe('teardown');
    expect(teardown.evidence.exceptionType).toBe('RuntimeError');
    expect(out.tests.find((t) => t.nodeId === 'tests/test_files.py::test_empty_store')?.outcome).toBe('passed');
  });

  it('env-error: every problem is an environment blocker, none a code failure', () => {
    for (const tag of TAGS) {
      const out = normalize(loadCapture(`env-error.${tag}`));
      expect(out.findings.map((f) => [f.scope.nodeId, f.kind, f.category, f.severity]).sort()).toEqual([
        ['tests/test_db.py::test_orders_table_exists', 'env_error', 'environment', 'blocker'],
        ['tests/test_payments.py', 'env_error', 'environment', 'blocker'],
        ['tests/test_version.py::test_client_library_is_recent_enough', 'env_error', 'environment', 'blocker'],
      ]);
      expect(out.findings.find((f) => f.scope.nodeId === 'tests/test_db.py::test_orders_table_exists')?.message).toContain("fixture 'db_session' not found");
    }
  });

  it('collection-error: one blocker per module; an import of a removed repo name is a code problem', () => {
    const out = normalize(loadCapture('collection-error.py-debian'));
    const byFile = Object.fromEntries(out.findings.map((f) => [f.scope.nodeId, f]));
    expect(Object.keys(byFile).sort()).toEqual(['tests/test_reports.py', 'tests/test_warehouse.py']);
    expect(byFile['tests/test_reports.py']).toMatchObject({ kind: 'collection_error', severity: 'blocker', scope: { line: 10 }, evidence: { exceptionType: 'SyntaxError' } });
    const gone = byFile['tests/test_warehouse.py']!;
    expect(gone).toMatchObject({ kind: 'collection_error', category: 'collection', evidence: { exceptionType: 'ImportError' } });
    expect(gone.evidence.sourceFiles).toContain('src/inventory/models.py');
    expect(gone.title).not.toMatch(/\/tmp\//);
  });

  it('hostile node ids survive intact into tests and findings', () => {
    const { out } = byNode(loadCapture('hostile-names.py-pyenv'));
    const ids = out.tests.map((t) => t.nodeId);
    expect(ids).toContain('tests/test_ids.py::test_hostile_id_passes[$(touch /tmp/atqos-pwned)]');
    expect(ids).toContain('tests/test_ids.py::test_hostile_id_passes[brackets[0]::x]');
    expect(ids).toContain('tests/test_with space.py::test_in_a_file_with_a_space');
    expect(ids.find((i) => i.includes('x'.repeat(300)))).toBeDefined();
    expect(out.findings.map((f) => f.scope.nodeId)).toContain('tests/test_ids.py::test_hostile_id_fails[--exitfirst]');
  });

  it('fingerprints do not depend on where the repo and run dir were', () => {
    const input = loadCapture('demo.py-pyenv');
    const moved = '/home/elsewhere/checkout-42';
    const relocate = (t: string | undefined) => t?.split(input.repoDir).join(moved);
    const elsewhere: NormalizeInput = { ...input, repoDir: moved, runDir: relocate(input.runDir)!, read: (n) => relocate(input.read(n)) };
    const a = normalize(input).findings.map((f) => [f.fingerprint, f.scope]);
    const b = normalize(elsewhere).findings.map((f) => [f.fingerprint, f.scope]);
    expect(b).toEqual(a);
  });

  it('without the inventory, JUnit alone still yields every test and failure', () => {
    const input = loadCapture('demo.py-debian');
    const out = normalize({ ...input, read: (n) => (n === 'inventory' ? undefined : input.read(n)) });
    expect(out.trustworthy).toBe(true);
    expect(out.counts).toMatchObject({ failed: 4, passed: 7, skipped: 1, xfailed: 1 });
    expect(out.findings.map((f) => f.evidence.exceptionType).sort()).toEqual(['AssertionError', 'AssertionError', 'AssertionError', 'ZeroDivisionError']);
    expect(out.notes.join('\n')).toMatch(/inventory\.json was not written/);
  });
});
