// Obsolete tests through the CLI's weekly lane with the builtin agent only, on
// fixtures/projects/obsolete-tests in a git repo whose old skip and old ATQOS quarantine were
// committed in 2020: a test importing a removed name, a test that runs no project code and an old
// permanent skip are quarantined on their branches with their reasons; the old quarantine of a
// still-obsolete test is deleted on its branch; guards pass and nothing else changes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, atqos, parseJsonOut, removeTempDirs, tempDir, writeFiles } from './support.js';
import { gitIn } from './run-support.js';

afterAll(removeTempDirs);

const PY = '/usr/bin/python3';
const OLD = '2020-03-01T12:00:00Z';

interface Out {
  runDir: string;
  findings: { kind: string; tool: string; scope: { nodeId?: string; file?: string } }[];
  tools: { plugin: string; trustworthy: boolean }[];
  remediation: {
    tasks: { id: string; type: string; status: string; branch: string | null; title: string }[];
    attempts: { task: string; n: number; agent: string; outcome: string; reason: string; guardsFailed: string[] }[];
  };
}

function git(dir: string, args: string[], date?: string): void {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'dev@example.org', GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'dev@example.org', ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) };
  execFileSync('git', ['-c', 'init.defaultBranch=main', ...args], { cwd: dir, env, stdio: 'pipe' });
}

function project(): string {
  const repo = path.join(tempDir('obsolete'), 'shop');
  fs.cpSync(path.join(FIXTURES, 'projects', 'obsolete-tests'), repo, { recursive: true });
  writeFiles(repo, {
    '.github/atqos.yml': [
      'plugins:',
      `  pytest: { python: ${PY} }`,
      // No coverage targets: only the obsolete-test part of the coverage plugin is under test.
      `  coverage: { python: ${PY}, source: [src/shop], defaultTarget: 0 }`,
      `  flaky: { python: ${PY} }`,
      `  skip-audit: { python: ${PY}, deleteAfterDays: 30 }`,
      'agents: { default: builtin }',
      'remediation: { validationRepeat: 1, agentConcurrency: 2 }',
      '',
    ].join('\n'),
  });
  git(repo, ['init', '-q']);
  git(repo, ['add', 'tests/test_export.py', 'tests/test_refunds.py']);
  git(repo, ['commit', '-q', '-m', 'export and refund tests'], OLD);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'shop 3.0']);
  return repo;
}

/** Per quarantined test: its file, the lines the quarantine adds (the marker, plus `import pytest` where missing), and the marker. */
const QUARANTINED: Record<string, [string, string, RegExp]> = {
  'tests/test_orders.py::test_legacy_invoice': ['tests/test_orders.py', '2', /^import pytest\n[^]*\n@pytest\.mark\.xfail\(reason="quarantined by ATQOS: obsolete test: imports LegacyInvoice from shop\.orders, which no longer defines it \(atqos finding [0-9a-f]{12}\)", strict=False\)\ndef test_legacy_invoice/],
  'tests/test_strings.py::test_upper': ['tests/test_strings.py', '2', /^import pytest\n@pytest\.mark\.xfail\(reason="quarantined by ATQOS: Quarantine obsolete test tests\/test_strings\.py::test_upper: it executes no project code \(atqos finding [0-9a-f]{12}\)", strict=False\)\ndef test_upper/],
  'tests/test_export.py::test_export_xml': ['tests/test_export.py', '1', /\n@pytest\.mark\.xfail\(reason="quarantined by ATQOS: obsolete test, skipped for \d+ days since 2020-03-01 \(the XML exporter is gone\); review for deletion \(atqos finding [0-9a-f]{12}\)", strict=False\)\n@pytest\.mark\.skip\(reason="the XML exporter is gone"\)\ndef test_export_xml/],
};

describe('atqos run --lane weekly on obsolete tests, builtin agent only', () => {
  let repo: string;
  let base: string;
  let out: Out;
  let stderr: string;

  beforeAll(async () => {
    repo = project();
    base = gitIn(repo, ['rev-parse', 'HEAD']).trim();
    const result = await atqos(['run', '--lane', 'weekly', '--json', '--repo', repo], repo);
    stderr = result.stderr;
    out = parseJsonOut<Out>(result);
  }, 900_000);

  const tasks = (type: string) => out.remediation.tasks.filter((t) => t.type === type);
  const changed = (branch: string) => gitIn(repo, ['diff', '--numstat', base, branch]).trim().split('\n').map((l) => l.split('\t'));

  it('runs the weekly plugins, each trustworthy, and explains the import error as an obsolete test', () => {
    expect(out.tools.map((t) => [t.plugin, t.trustworthy]), stderr).toEqual([['pytest', true], ['coverage', true], ['flaky', true], ['skip-audit', true]]);
    const obsolete = out.findings.filter((f) => f.kind === 'obsolete_test').map((f) => `${f.tool} ${f.scope.nodeId}`).sort();
    expect(obsolete).toEqual([
      'coverage tests/test_strings.py::test_upper',
      'skip-audit tests/test_export.py::test_export_xml',
      'skip-audit tests/test_orders.py::test_legacy_invoice',
      'skip-audit tests/test_refunds.py::test_refund_amount',
    ]);
    // pytest's ImportError is superseded: no fix task for an obsolete test.
    expect(out.findings.filter((f) => f.kind === 'test_error' || f.kind === 'test_failure')).toEqual([]);
  });

  it('plans three quarantines and one delete_test, and nothing that would change anything else', () => {
    const withBranch = out.remediation.tasks.filter((t) => t.status === 'succeeded').map((t) => t.type).sort();
    expect(withBranch, JSON.stringify(out.remediation, null, 1)).toEqual(['delete_test', 'quarantine', 'quarantine', 'quarantine']);
    expect(out.remediation.tasks.filter((t) => t.type === 'update_test' || t.type === 'fix')).toEqual([]);
  });

  it('quarantines each obsolete test on its own branch with its reason, only adding the marker (and `import pytest` where missing)', () => {
    expect(tasks('quarantine')).toHaveLength(3);
    const seen = new Set<string>();
    for (const t of tasks('quarantine')) {
      expect(t.branch).toMatch(/^atqos\/quarantine\/[0-9a-f]{12}$/);
      const files = changed(t.branch!);
      expect(files).toHaveLength(1);
      const [added, removed, file] = files[0]!;
      const entry = Object.entries(QUARANTINED).find(([, [f]]) => f === file);
      expect(entry, `unexpected file ${file}`).toBeDefined();
      seen.add(entry![0]);
      expect([added, removed]).toEqual([entry![1][1], '0']);
      expect(gitIn(repo, ['show', `${t.branch}:${file}`])).toMatch(entry![1][2]);
    }
    expect([...seen].sort()).toEqual(Object.keys(QUARANTINED).sort());
  });

  it('deletes the long-quarantined, still-obsolete test on its branch and nothing else, all guards passing', () => {
    const [del] = tasks('delete_test');
    expect(del!.title).toMatch(/^Delete obsolete test tests\/test_refunds\.py::test_refund_amount: quarantined \d+ days ago \(2020-03-01\) and it still imports Refund from shop\.orders/);
    expect(del!.branch).toMatch(/^atqos\/delete_test\/[0-9a-f]{12}$/);
    const files = changed(del!.branch!);
    expect(files.map(([a, , f]) => [a, f])).toEqual([['0', 'tests/test_refunds.py']]);
    const after = gitIn(repo, ['show', `${del!.branch}:tests/test_refunds.py`]);
    expect(after).not.toContain('test_refund_amount');
    expect(after).toContain('def test_order_empty_by_default():');
    const accepted = out.remediation.attempts.find((a) => a.task === del!.id && a.outcome === 'accepted')!;
    expect(accepted.agent).toBe('builtin');
    const guards = JSON.parse(fs.readFileSync(path.join(out.runDir, 'tasks', del!.id, `attempt-${accepted.n}`, 'guards.json'), 'utf8')) as { guard: string; passed: boolean; evidence?: string }[];
    expect(guards.filter((g) => !g.passed)).toEqual([]);
    expect(guards.find((g) => g.guard === 'inventory-not-shrunk')?.evidence).toBe('1 target test(s) deleted as the delete_test task planned:\ntests/test_refunds.py::test_refund_amount');
    expect(guards.map((g) => g.guard)).toContain('deletion-only');
  });

  it('leaves the checkout as it was', () => {
    expect(gitIn(repo, ['status', '--porcelain'])).toBe('');
    expect(gitIn(repo, ['rev-parse', 'HEAD']).trim()).toBe(base);
  });
});
