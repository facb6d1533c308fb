import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/index.js';
import type { EarlierResult } from '../../src/plugin/contract.js';
import { FIXERS } from '../../src/agents/builtin/index.js';
import { makeCtx, makeRequest } from '../../src/agents/test-support.js';
import { plan } from './plan.js';
import type { Audit } from './test-support.js';
import { audit, datedProject, gitStatus, pytestEarlier, removeTemps, runValidation } from './test-support.js';

const PYTHONS = ['python3', '/usr/bin/python3'] as const;

/** What the fixture holds, one line per finding: kind, where, and which rule. */
const EXPECTED: string[][] = [
  ['obsolete_test', 'tests/test_legacy.py::test_legacy_export', 'permanent skip'],
  ['obsolete_test', 'tests/test_orders.py', 'removed import'],
  ['skip_stale', 'tests/test_marked_module.py::TestTotals::test_total_generator', ''],
  ['skip_stale', 'tests/test_marked_module.py::test_total_tuple', ''],
  ['skip_stale', 'tests/test_pricing.py::test_total_params_stale', ''],
  ['skip_stale', 'tests/test_pricing.py::test_total_skip_call', ''],
  ['skip_stale', 'tests/test_pricing.py::test_total_stale', ''],
  ['skip_unjustified', 'tests/test_pricing.py::test_discount_xfail_without_reason', 'no reason'],
  ['skip_unjustified', 'tests/test_pricing.py::test_integer_division_py2_only', 'condition true'],
  ['skip_unjustified', 'tests/test_pricing.py::test_total_of_nothing_without_reason', 'no reason'],
];

function rule(f: Finding): string {
  if (f.kind === 'obsolete_test') return f.evidence.details?.['module'] ? 'removed import' : 'permanent skip';
  if (f.kind === 'skip_unjustified') return f.evidence.details?.['tests'] ? 'condition true' : 'no reason';
  return '';
}

const byText = (a: string[], b: string[]) => a.join('|').localeCompare(b.join('|'));
const summary = (fs: Finding[]) => fs.map((f) => [f.kind, f.scope.nodeId ?? f.scope.file ?? '', rule(f)]).sort(byText);
const byNode = (a: Audit, nodeId: string, kind: string) => a.out.findings.find((f) => f.scope.nodeId === nodeId && f.kind === kind)!;

const runs: Record<string, { repoDir: string; oldCommit: string; earlier: EarlierResult; audit: Audit }> = {};

beforeAll(async () => {
  for (const python of PYTHONS) {
    const { repoDir, oldCommit } = datedProject();
    const earlier = await pytestEarlier(repoDir, python);
    runs[python] = { repoDir, oldCommit, earlier, audit: await audit(repoDir, { python }, [earlier]) };
  }
}, 240_000);

afterAll(removeTemps);

describe.each(PYTHONS)('skip audit of fixtures/projects/skip-audit with %s', (python) => {
  it('finds exactly the fixture\'s stale, unjustified, always-true and obsolete cases', () => {
    const { audit: a } = runs[python]!;
    expect(summary(a.out.findings)).toEqual([...EXPECTED].sort(byText));
    expect(a.out.trustworthy).toBe(true);
    // Skips that must not become findings: one still fails, one's condition is false here, two
    // cannot be lifted safely (a conditional pytest.skip(), a unittest skip).
    const tests = (a.out.reports?.['skip-audit.json'] as { tests: { id: string; status: string }[] }).tests;
    const status = Object.fromEntries(tests.map((t) => [t.id, t.status]));
    expect(status).toMatchObject({
      'tests/test_pricing.py::test_discount_rounds_still_fails': 'still-fails',
      'tests/test_pricing.py::test_total_runs_here': 'runs-here',
      'tests/test_pricing.py::test_total_conditional_skip': 'not-executable',
      'tests/test_unittest_style.py::TotalCase::test_total_unittest': 'not-executable',
    });
  });

  it('a stale skip passed every one of the 3 un-skipped runs; a module pytestmark is flagged as wider', () => {
    const a = runs[python]!.audit;
    const stale = byNode(a, 'tests/test_pricing.py::test_total_stale', 'skip_stale');
    expect(stale.evidence.details).toMatchObject({ rounds: ['passed', 'passed', 'passed'], onFunction: true });
    const wide = byNode(a, 'tests/test_marked_module.py::test_total_tuple', 'skip_stale');
    expect(wide.evidence.details).toMatchObject({ onFunction: false });
    expect(wide.message).toContain('class or module');
  });

  it('the always-true skipif says the test never runs on this platform/config', () => {
    const f = byNode(runs[python]!.audit, 'tests/test_pricing.py::test_integer_division_py2_only', 'skip_unjustified');
    expect(f.title).toContain('never runs here');
    expect(f.message).toContain('on this platform/config (Python 3.11');
    expect(f.message).toContain(python === 'python3' ? 'pytest 9' : 'pytest 7');
  });

  it('the old permanent skip carries its age and commit from git blame', () => {
    const { audit: a, oldCommit } = runs[python]!;
    const f = byNode(a, 'tests/test_legacy.py::test_legacy_export', 'obsolete_test');
    expect(f.evidence.details).toMatchObject({ commit: oldCommit, since: '2020-01-15' });
    expect(f.evidence.details?.['ageDays']).toBeGreaterThan(2000);
  });

  it('the removed import supersedes the pytest collection error it explains', () => {
    const { audit: a, earlier } = runs[python]!;
    expect(earlier.trustworthy).toBe(true);
    const collectionError = earlier.findings.find((f) => f.kind === 'collection_error' && f.scope.nodeId === 'tests/test_orders.py')!;
    expect(collectionError.message).toContain("cannot import name 'LegacyInvoice'");
    const f = a.out.findings.find((x) => x.kind === 'obsolete_test' && x.scope.file === 'tests/test_orders.py')!;
    expect(f.supersedes).toEqual([collectionError.fingerprint]);
    expect(f.evidence.details).toMatchObject({ module: 'shop.orders', name: 'LegacyInvoice', moduleFile: 'src/shop/orders.py' });
  });

  it('writes nothing into the target repo (no plugin file, no cache, no bytecode)', () => {
    expect(gitStatus(runs[python]!.repoDir)).toBe('');
  });
});

describe('fingerprints and plan', () => {
  it('fingerprints are the same for both interpreters and both temp checkouts', () => {
    const [a, b] = PYTHONS.map((p) => runs[p]!.audit.out.findings.map((f) => [f.kind, f.scope.nodeId, f.fingerprint]).sort());
    expect(runs['python3']!.repoDir).not.toBe(runs['/usr/bin/python3']!.repoDir);
    expect(a).toEqual(b);
  });

  it('plans update_test for the removed import, remove_skip per file, quarantine for the old skip, nothing for unjustified ones', () => {
    const drafts = plan({ findings: runs['python3']!.audit.out.findings, options: {}, isTestFile: () => true });
    expect(drafts.map((d) => [d.type, d.targets.files, d.targets.nodeIds])).toEqual([
      ['update_test', ['tests/test_orders.py'], ['tests/test_orders.py']],
      ['remove_skip', ['tests/test_marked_module.py'], ['tests/test_marked_module.py::TestTotals::test_total_generator', 'tests/test_marked_module.py::test_total_tuple']],
      ['remove_skip', ['tests/test_pricing.py'], ['tests/test_pricing.py::test_total_params_stale', 'tests/test_pricing.py::test_total_skip_call', 'tests/test_pricing.py::test_total_stale']],
      ['quarantine', ['tests/test_legacy.py'], ['tests/test_legacy.py::test_legacy_export']],
    ]);
    expect(drafts[0]!.title).toMatch(/obsolete.*may delete/i);
    expect(drafts[3]!.title).toContain('https://tracker.example.org/issues/7');
    expect(drafts.every((d) => d.type !== 'quarantine' || !/delet(e|ing) the test now/.test(d.title))).toBe(true);
  });

  it('remove_skip validation fails while the skip is there and passes after the builtin agent removes it', async () => {
    const { repoDir } = runs['python3']!;
    const task = plan({ findings: runs['python3']!.audit.out.findings, options: {}, isTestFile: () => true }).find((d) => d.targets.files[0] === 'tests/test_pricing.py')!;
    const cmd = task.validation.commands[0]!;
    const before = await runValidation(repoDir, cmd);
    expect(before.exitCode).not.toBe(0);
    expect(before.stdout).toContain('did not run to a pass');
    const result = await FIXERS.remove_skip!(makeRequest(repoDir, { type: 'remove_skip', title: task.title, targets: task.targets }), makeCtx(repoDir));
    expect(result.status).toBe('fixed');
    const after = await runValidation(repoDir, cmd);
    expect(after.stdout).toMatch(/4 passed/);
    expect(after.exitCode).toBe(0);
  }, 60_000);

  it('quarantine validation accepts the test once the builtin agent quarantines it', async () => {
    const { repoDir } = runs['/usr/bin/python3']!;
    const task = plan({ findings: runs['/usr/bin/python3']!.audit.out.findings, options: { python: '/usr/bin/python3' }, isTestFile: () => true }).find((d) => d.type === 'quarantine')!;
    const cmd = task.validation.commands[0]!;
    expect((await runValidation(repoDir, cmd)).exitCode).not.toBe(0);
    const result = await FIXERS.quarantine!(makeRequest(repoDir, { type: 'quarantine', title: task.title, targets: task.targets }), makeCtx(repoDir));
    expect(result.status).toBe('fixed');
    expect((await runValidation(repoDir, cmd)).exitCode).toBe(0);
  }, 60_000);
});
