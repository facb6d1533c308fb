// ATQOS's own quarantines are the flaky plugin's business: a real audit (real pytest, real git)
// must neither run them un-skipped nor call them stale, and must report them with their age.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { obsoleteFinding } from '../coverage/findings.js';
import { normalizeWithQuarantined } from './normalize-quarantined.js';
import { plan } from './plan.js';
import type { Audit } from './test-support.js';
import { audit, removeTemps, tempDir } from './test-support.js';

const QUARANTINED = 'tests/test_q.py::test_quarantined';
const HAND = 'tests/test_q.py::test_hand_written';
const DAY_MS = 86_400_000;

function git(dir: string, args: string[], date?: string): void {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'dev@example.org', GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'dev@example.org', ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) };
  execFileSync('git', args, { cwd: dir, env, stdio: 'pipe' });
}

afterAll(removeTemps);

describe('skip audit and ATQOS quarantines', () => {
  let a: Audit;
  let repoDir: string;
  const since = new Date(Date.now() - 20 * DAY_MS);

  beforeAll(async () => {
    repoDir = tempDir('atqos-skip-audit-quarantine-');
    fs.mkdirSync(path.join(repoDir, 'tests'));
    // Both pass whenever they run: un-skipped, each would pass every round. Only the hand-written
    // xfail is a stale skip; the quarantined test (a flaky one that happened to pass) is not.
    fs.writeFileSync(path.join(repoDir, 'tests', 'test_q.py'), [
      'import pytest', '', '',
      '@pytest.mark.xfail(reason="quarantined by ATQOS: flaky (atqos finding 0123456789ab)", strict=False)',
      'def test_quarantined():', '    assert True', '', '',
      '@pytest.mark.xfail(reason="bug 12", strict=False)',
      'def test_hand_written():', '    assert True', '',
    ].join('\n'));
    git(repoDir, ['init', '-q']);
    git(repoDir, ['add', '-A']);
    git(repoDir, ['commit', '-q', '-m', 'quarantine test_quarantined'], since.toISOString());
    a = await audit(repoDir, { python: '/usr/bin/python3' });
  }, 120_000);

  it('calls the hand-written xfail stale but leaves the quarantined test alone', () => {
    expect(a.out.findings.map((f) => [f.kind, f.scope.nodeId])).toEqual([['skip_stale', HAND]]);
    const ran = fs.readFileSync(path.join(a.runDir, 'raw/skip-audit/unskip-selection-1.json'), 'utf8');
    expect(JSON.parse(ran).tests.map((t: { qualname: string[] }) => t.qualname.join('::'))).toEqual(['test_hand_written']);
  });

  it('lists the quarantine in its report as quarantined, with its age', () => {
    const tests = (a.out.reports?.['skip-audit.json'] as { tests: { id: string; status: string; why?: string }[] }).tests;
    const q = tests.find((t) => t.id === QUARANTINED);
    expect(q?.status).toBe('quarantined');
    expect(q?.why).toBe(`ATQOS quarantine at line 4, since ${since.toISOString().slice(0, 10)} (20 days): left to the flaky plugin's expiry re-evaluation, not run un-skipped here`);
  });

  it('plans nothing for the quarantined test', () => {
    const drafts = plan({ findings: a.out.findings, options: {}, isTestFile: () => true });
    expect(drafts.flatMap((d) => d.targets.nodeIds)).toEqual([HAND]);
  });

  it('never plans deleting a flaky quarantine, even of a test coverage says runs no project code', async () => {
    // The flaky plugin re-evaluates this quarantine; a coverage verdict must not turn it into a delete_test.
    const coverage = { plugin: 'coverage', tests: [], findings: [obsoleteFinding(QUARANTINED, 'src', [])], trustworthy: true };
    const withCoverage = await audit(repoDir, { python: '/usr/bin/python3', deleteAfterDays: 10 }, [coverage]);
    const out = normalizeWithQuarantined(withCoverage.input);
    expect(out.findings.map((f) => [f.kind, f.scope.nodeId])).toEqual([['skip_stale', HAND]]);
    expect(plan({ findings: out.findings, options: {}, isTestFile: () => true }).map((d) => d.type)).not.toContain('delete_test');
  }, 120_000);
});
