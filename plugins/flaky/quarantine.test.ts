// Quarantine expiry on a real git repo whose quarantine markers were committed 30 days ago (and
// one today), re-evaluated with real pytest and `--runxfail`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unskipSource } from '../../src/agents/builtin/unskip-source.js';
import type { TestOutcome } from '../../src/core/index.js';
import { openStore } from '../../src/store/index.js';
import { runCommand } from '../../src/runner/index.js';
import type { NormalizeOutput } from '../../src/plugin/contract.js';
import type { QuarantinedTest } from './quarantine-outcome.js';
import { plan } from './plan.js';
import { copyFixture, flakyPass, removeFixtures } from './test-support.js';
import type { FixtureCopy } from './test-support.js';
import { validation } from './validation.js';

const DAY_MS = 86_400_000;
const FIXED = 'tests/test_quarantined.py::test_fixed_since';
const STILL = 'tests/test_quarantined.py::TestCache::test_still_flaky';
const RECENT = 'tests/test_recent.py::test_recently_quarantined';
const OBSOLETE = 'tests/test_obsolete_quarantine.py::test_runs_no_project_code';

function git(repoDir: string, args: string[], date?: Date): void {
  const when = date ? { GIT_AUTHOR_DATE: date.toISOString(), GIT_COMMITTER_DATE: date.toISOString() } : {};
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repoDir, env: { ...process.env, ...when }, stdio: 'pipe' });
}

const lane = { name: 'weekly', select: undefined, reruns: 4, riskTiers: {} };

/** Full-lane runs of the quarantined tests, oldest first, as the store records them (xfail outcomes included). */
function writeIndex(file: string, runs: Record<string, TestOutcome>[]): void {
  const store = openStore(file, { warn: () => {} });
  try {
    runs.forEach((outcomes, i) => {
      const id = `2025020${i + 1}-run${i}`;
      store.transaction((tx) => {
        tx.insertRun({ id, repo: 'acme/flaky', lane: 'nightly', command: 'run', status: 'finished', startedAt: `2025-02-0${i + 1}T00:00:00.000Z`, findingCount: 0, baseSha: 'c'.repeat(40) });
        tx.insertTestResults(id, Object.entries(outcomes).map(([nodeId, outcome]) => ({ tool: 'pytest', nodeId, outcome, durationMs: 5 })));
      });
    });
  } finally {
    store.close();
  }
}

afterAll(removeFixtures);

describe('quarantine expiry', () => {
  let copy: FixtureCopy;
  let out: NormalizeOutput;

  beforeAll(async () => {
    copy = copyFixture();
    // An obsolete test quarantined 30 days ago that passes without its quarantine: its end is the
    // skip audit's deletion task, so the flaky plugin must not offer to lift it.
    fs.writeFileSync(path.join(copy.repoDir, 'tests/test_obsolete_quarantine.py'), [
      'import pytest', '', '',
      '@pytest.mark.xfail(reason="quarantined by ATQOS: Quarantine obsolete test x: it executes no project code (atqos finding 0123456789ab)", strict=False)',
      'def test_runs_no_project_code():', '    assert 1 + 1 == 2', '',
    ].join('\n'));
    git(copy.repoDir, ['init', '-q']);
    git(copy.repoDir, ['add', '-A']);
    git(copy.repoDir, ['commit', '-q', '-m', 'quarantine two tests'], new Date(Date.now() - 30 * DAY_MS));
    fs.writeFileSync(path.join(copy.repoDir, 'tests/test_recent.py'), [
      'import pytest', '', '',
      '@pytest.mark.xfail(reason="quarantined by ATQOS: flaky (no issue link yet)", strict=False)',
      'def test_recently_quarantined():', '    assert True', '',
    ].join('\n'));
    git(copy.repoDir, ['add', '-A']);
    git(copy.repoDir, ['commit', '-q', '-m', 'quarantine one more'], new Date(Date.now() - 2 * DAY_MS));
    // Under quarantine the tests keep running in full lanes: xfailed = failed, xpassed = passed.
    const indexPath = path.join(copy.stateDir, 'index', 'state.db');
    writeIndex(indexPath, (['xfailed', 'xpassed', 'xfailed', 'xpassed'] as const).map((o, i) => ({ [FIXED]: i < 2 ? o : 'xpassed', [STILL]: o })));
    out = (await flakyPass(copy, { earlier: [], lane, indexPath })).output;
  }, 120_000);

  it('finds that a 30-day-old quarantine of a test that now always passes can be lifted', () => {
    const f = out.findings.find((x) => x.scope.nodeId === FIXED);
    expect(f?.kind).toBe('flaky_test');
    expect(f?.title).toBe('test_fixed_since: quarantine can be lifted (passed 4 of 4 runs without it)');
    expect(f?.evidence.details).toMatchObject({ quarantineExpired: true, ageDays: 30, reruns: 4, rerunPasses: 4 });
  });

  it('keeps the flake rate of quarantined tests updating from their xfail outcomes in full lanes', () => {
    const f = out.findings.find((x) => x.scope.nodeId === FIXED);
    // FIXED: xfailed, xpassed, xpassed, xpassed → one failure, one flip in four runs on one commit.
    expect(f?.evidence.details?.['history']).toEqual({ runs: 4, failures: 1, sameCommitFlips: 1, crossCommitFlips: 0, flakeRate: 1 / 3 });
    expect(f?.message).toContain('In full lanes it failed 1 of 4 recorded run(s) (xfail under the quarantine counts as a failure), flake rate 33%.');
  });

  it('lists every quarantined test with its age, history and status in the report and the notes', () => {
    const report = out.reports?.['flaky-quarantine.json'] as { count: number; tests: QuarantinedTest[] };
    expect(report.count).toBe(4);
    expect(report.tests.map((t) => [t.nodeId, t.ageDays, t.status, t.history.runs, t.history.failures])).toEqual([
      [OBSOLETE, 30, 'obsolete', 0, 0],
      [FIXED, 30, 'liftable', 4, 1],
      [STILL, 30, 'kept', 4, 2],
      [RECENT, 2, 'not-due', 0, 0],
    ]);
    const note = out.notes.find((n) => n.startsWith('quarantined tests: 4 — '));
    expect(note).toContain(`${STILL} (since `);
    expect(note).toContain('30 days; 2 failure(s) in 4 recorded run(s), flake rate 100%)');
  });

  it('keeps a quarantine whose test still flakes without it, and leaves young ones alone', () => {
    expect(out.findings.map((x) => x.scope.nodeId)).toEqual([FIXED]);
    // Round 1 is the test's invocation 0 (passes), round 2 invocation 1 (fails), then it leaves.
    expect(out.notes).toContain(`quarantine of ${STILL}: still fails with the quarantine lifted (1 failure(s) in 2 run(s)); kept quarantined`);
    expect(out.notes).toContain(`quarantine of ${RECENT}: 2 day(s) old, not yet due for re-evaluation`);
    expect(out.notes).toContain(`quarantine of ${OBSOLETE}: quarantined as an obsolete test: the skip audit plans its deletion; not re-evaluated for flakiness`);
    expect(out.trustworthy).toBe(true);
  });

  it('plans a remove_skip task the builtin fixer can carry out, and its validation passes', async () => {
    const drafts = plan({ findings: out.findings, options: {}, isTestFile: () => true });
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ type: 'remove_skip', targets: { nodeIds: [FIXED], files: ['tests/test_quarantined.py'] } });
    const file = path.join(copy.repoDir, 'tests/test_quarantined.py');
    const edit = unskipSource(fs.readFileSync(file, 'utf8'), ['test_fixed_since']);
    expect(edit?.removed).toHaveLength(1);
    fs.writeFileSync(file, edit!.source);
    const spec = validation(drafts[0]!.targets, {});
    for (let i = 0; i < spec.repeat; i++) {
      for (const [n, cmd] of spec.commands.entries()) {
        const dir = fs.mkdtempSync(path.join(copy.stateDir, 'v-'));
        const r = await runCommand({ argv: cmd.argv, cwd: copy.repoDir, env: { ...copy.env, ...cmd.env }, stdoutPath: path.join(dir, `${n}.out`), stderrPath: path.join(dir, `${n}.err`) });
        expect(r.exitCode).toBe(0);
        if (n === 1) expect(fs.readFileSync(path.join(dir, `${n}.out`), 'utf8')).toMatch(/PASSED tests\/test_quarantined.py::test_fixed_since/);
      }
    }
  }, 120_000);
});

describe('quarantine age unknown', () => {
  it('does not re-evaluate markers outside a git repository, and says why', async () => {
    const copy = copyFixture();
    const run = await flakyPass(copy, { earlier: [], lane });
    expect(run.output.findings).toEqual([]);
    expect(run.output.notes.filter((n) => n.includes('age unknown (git blame exited 128'))).toHaveLength(2);
    expect(run.collect.artifacts.some((a) => a.name.startsWith('quarantine-'))).toBe(false);
  }, 60_000);
});
