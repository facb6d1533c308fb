// Obsolete tests from detection to deletion on fixtures/projects/obsolete-tests in a real git repo
// with dated commits: quarantine first (removed imports included), delete_test only for a test
// ATQOS quarantined more than deleteAfterDays ago that is still obsolete. Real pytest, real blame.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/index.js';
import type { EarlierResult } from '../../src/plugin/contract.js';
import { FIXERS } from '../../src/agents/builtin/index.js';
import { makeCtx, makeRequest } from '../../src/agents/test-support.js';
import { obsoleteFinding } from '../coverage/findings.js';
import { normalizeWithQuarantined } from './normalize-quarantined.js';
import { plan } from './plan.js';
import type { Audit } from './test-support.js';
import { audit, pytestEarlier, removeTemps, runValidation, tempDir } from './test-support.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/projects/obsolete-tests/', import.meta.url));
const OLD = '2020-03-01T12:00:00Z';
const PY = { python: 'python3' };

function git(dir: string, args: string[], date?: string): string {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'dev@example.org', GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'dev@example.org', ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) };
  return execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' }).trim();
}

/** The fixture in a temp repo: the old skip and the old quarantine committed in 2020, the rest today. */
function datedRepo(): string {
  const dir = tempDir('atqos-obsolete-repo-');
  fs.cpSync(FIXTURE, dir, { recursive: true });
  git(dir, ['init', '-q']);
  git(dir, ['add', 'tests/test_export.py', 'tests/test_refunds.py']);
  git(dir, ['commit', '-q', '-m', 'export and refund tests'], OLD);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'shop 3.0']);
  return dir;
}

const summary = (fs: Finding[]) => fs.filter((f) => f.kind === 'obsolete_test').map((f) => [f.scope.nodeId, f.evidence.details?.['quarantinedSince'] ? 'quarantined' : f.evidence.details?.['module'] ? 'removed import' : 'permanent skip']).sort();

let repo: string;
let earlier: EarlierResult;
let a: Audit;

beforeAll(async () => {
  repo = datedRepo();
  earlier = await pytestEarlier(repo, 'python3');
  a = await audit(repo, PY, [earlier]);
  a.out = normalizeWithQuarantined(a.input);
}, 240_000);

afterAll(removeTemps);

describe('obsolete tests: quarantine first, delete only what ATQOS quarantined long ago', () => {
  it('finds the removed import on its test, the old permanent skip, and the old quarantine that is still obsolete', () => {
    expect(summary(a.out.findings)).toEqual([
      ['tests/test_export.py::test_export_xml', 'permanent skip'],
      ['tests/test_orders.py::test_legacy_invoice', 'removed import'],
      ['tests/test_refunds.py::test_refund_amount', 'quarantined'],
    ]);
    const q = a.out.findings.find((f) => f.evidence.details?.['quarantinedSince'])!;
    expect(q.evidence.details).toMatchObject({ quarantinedSince: '2020-03-01', due: true, deleteAfterDays: 30, tests: ['tests/test_refunds.py::test_refund_amount'] });
    expect(q.evidence.details?.['stillObsolete']).toMatch(/^it still imports Refund from shop\.orders: /);
    expect(q.message).toContain('a delete_test task removes it');
  });

  it('plans quarantines for the removed import and the old skip, and delete_test only for the old quarantine', () => {
    const drafts = plan({ findings: a.out.findings, options: PY, isTestFile: () => true });
    expect(drafts.map((d) => [d.type, d.targets.nodeIds])).toEqual([
      ['quarantine', ['tests/test_orders.py::test_legacy_invoice']],
      ['quarantine', ['tests/test_export.py::test_export_xml']],
      ['delete_test', ['tests/test_refunds.py::test_refund_amount']],
    ]);
    expect(drafts[0]!.title).toBe('obsolete test: imports LegacyInvoice from shop.orders, which no longer defines it');
    expect(drafts[2]!.title).toMatch(/^Delete obsolete test tests\/test_refunds.py::test_refund_amount: quarantined \d+ days ago \(2020-03-01\) and it still imports Refund from shop.orders/);
    expect(drafts[2]!.allowedPaths).toEqual(['tests/test_refunds.py']);
  });

  it('plans no deletion while the quarantine is younger than deleteAfterDays', () => {
    const young = normalizeWithQuarantined({ ...a.input, options: { ...PY, deleteAfterDays: 100_000 } });
    const q = young.findings.find((f) => f.evidence.details?.['quarantinedSince'])!;
    expect(q.evidence.details).toMatchObject({ due: false });
    expect(plan({ findings: young.findings, options: PY, isTestFile: () => true }).map((d) => d.type)).not.toContain('delete_test');
  });

  it('the builtin agent quarantines the removed-import test so that its validation passes', async () => {
    const dir = tempDir('atqos-obsolete-q-');
    fs.cpSync(repo, dir, { recursive: true });
    const task = plan({ findings: a.out.findings, options: PY, isTestFile: () => true })[0]!;
    expect((await runValidation(dir, task.validation.commands[0]!)).exitCode).not.toBe(0);
    const result = await FIXERS.quarantine!(makeRequest(dir, { type: 'quarantine', title: task.title, targets: task.targets, findings: task.findings }), makeCtx(dir));
    expect(result.status).toBe('fixed');
    expect(fs.readFileSync(path.join(dir, 'tests/test_orders.py'), 'utf8')).toContain('reason="quarantined by ATQOS: obsolete test: imports LegacyInvoice from shop.orders, which no longer defines it');
    expect((await runValidation(dir, task.validation.commands[0]!)).exitCode).toBe(0);
  }, 60_000);

  it('delete_test validation fails while the test exists and passes once the builtin agent deleted it, other tests kept', async () => {
    const dir = tempDir('atqos-obsolete-d-');
    fs.cpSync(repo, dir, { recursive: true });
    const task = plan({ findings: a.out.findings, options: PY, isTestFile: () => true }).find((d) => d.type === 'delete_test')!;
    const cmd = task.validation.commands[0]!;
    const before = await runValidation(dir, cmd);
    expect(before.exitCode).not.toBe(0);
    expect(before.stdout).toContain('tests/test_refunds.py::test_refund_amount');
    const result = await FIXERS.delete_test!(makeRequest(dir, { type: 'delete_test', title: task.title, targets: task.targets }), makeCtx(dir));
    expect(result.status).toBe('fixed');
    const after = await runValidation(dir, cmd);
    expect(after.stdout).toMatch(/PASSED tests\/test_refunds.py::test_order_empty_by_default/);
    expect(after.exitCode).toBe(0);
  }, 60_000);

  it('once the name is back, the old quarantine is no longer obsolete; a coverage verdict keeps one obsolete', async () => {
    const dir = tempDir('atqos-obsolete-back-');
    fs.cpSync(repo, dir, { recursive: true });
    fs.appendFileSync(path.join(dir, 'src/shop/orders.py'), '\n\nclass Refund:\n    def __init__(self, order):\n        self.amount = order.total()\n');
    const strings = path.join(dir, 'tests/test_strings.py');
    fs.writeFileSync(strings, `import pytest\n\n\n@pytest.mark.xfail(reason="quarantined by ATQOS: Quarantine obsolete test: it executes no project code", strict=False)\n${fs.readFileSync(strings, 'utf8')}`);
    git(dir, ['commit', '-q', '-am', 'refunds are back; upper quarantined'], OLD);
    const coverage = obsoleteFinding('tests/test_strings.py::test_upper', 'src/shop', []);
    const again = await audit(dir, { ...PY, runSkipped: false }, [await pytestEarlier(dir, 'python3'), { plugin: 'coverage', tests: [], findings: [coverage], trustworthy: true }]);
    const out = normalizeWithQuarantined(again.input);
    const quarantined = out.findings.filter((f) => f.evidence.details?.['quarantinedSince']);
    expect(quarantined.map((f) => f.scope.nodeId)).toEqual(['tests/test_strings.py::test_upper']);
    expect(quarantined[0]!.supersedes).toContain(coverage.fingerprint);
    expect(quarantined[0]!.evidence.details?.['stillObsolete']).toBe('coverage says: tests/test_strings.py::test_upper executes no project code');
  }, 120_000);
});
