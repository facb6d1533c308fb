// Per-test flake rate from a real index (SQLite via openStore) of earlier runs, read by a real
// collect through ctx.history, and hostile node ids re-run through argv.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TestOutcome } from '../../src/core/index.js';
import { openStore } from '../../src/store/index.js';
import { HistoryFile } from './raw-files.js';
import { copyFixture, flakyPass, pytestPass, removeFixtures } from './test-support.js';

const THIRTY = 'tests/test_thirty.py::test_fails_three_in_ten';
const BROKEN = 'tests/test_broken.py::test_always_fails';

afterAll(removeFixtures);

/** Earlier runs, oldest first, each with one outcome per test; `shas[i]` is run i's commit, if any. */
function writeIndex(file: string, runs: Record<string, TestOutcome>[], shas: (string | undefined)[] = []): void {
  const store = openStore(file, { warn: () => {} });
  try {
    runs.forEach((outcomes, i) => {
      const id = `2025010${i + 1}-run${i}`;
      const sha = shas[i];
      store.transaction((tx) => {
        tx.insertRun({ id, repo: 'acme/flaky', lane: 'weekly', command: 'run', status: 'finished', startedAt: `2025-01-0${i + 1}T00:00:00.000Z`, findingCount: 0, ...(sha ? { baseSha: sha } : {}) });
        tx.insertTestResults(id, Object.entries(outcomes).map(([nodeId, outcome]) => ({ tool: 'pytest', nodeId, outcome, durationMs: 5 })));
      });
    });
  } finally {
    store.close();
  }
}

describe('history', () => {
  it('gives the flaky finding a flake rate from earlier runs, and never makes a deterministic failure flaky', async () => {
    const copy = copyFixture();
    const indexPath = path.join(copy.stateDir, 'index', 'state.db');
    // Thirty: P F P P F P → 4 flips in 5 pairs; the broken test flip-flopped in the past too.
    const pattern: TestOutcome[] = ['passed', 'failed', 'passed', 'passed', 'failed', 'passed'];
    writeIndex(indexPath, pattern.map((o, i) => ({ [THIRTY]: o, [BROKEN]: i % 2 ? 'failed' : 'passed', 'tests/test_ok.py::test_passes': 'skipped' })));
    const earlier = await pytestPass(copy);
    const lane = { name: 'weekly', select: undefined, reruns: 3, riskTiers: {} };
    const run = await flakyPass(copy, { earlier: [earlier], lane, indexPath });
    const raw = HistoryFile.parse(JSON.parse(fs.readFileSync(path.join(run.runDir, 'raw/flaky/history.json'), 'utf8')));
    expect(raw[THIRTY]?.map((e) => e.outcome)).toEqual([...pattern].reverse());
    const thirty = run.output.findings.find((f) => f.scope.nodeId === THIRTY);
    // These runs were recorded without a commit: every flip counts as a cross-commit flip, at weight ½.
    expect(thirty?.evidence.details?.['history']).toEqual({ runs: 6, failures: 2, sameCommitFlips: 0, crossCommitFlips: 4, flakeRate: 0.4 });
    expect(thirty?.message).toContain('History: 2 failure(s) in 6 earlier run(s), flake rate 40%');
    expect(run.output.findings.some((f) => f.scope.nodeId === BROKEN)).toBe(false);
    expect(run.output.notes).toContain(`${BROKEN}: failed all 3 re-runs too: a deterministic failure, not flaky`);
  }, 120_000);
});

describe('history with commits, through the real store', () => {
  it('counts a flip between two runs on the same commit at full weight, one across commits at half', async () => {
    const copy = copyFixture();
    const indexPath = path.join(copy.stateDir, 'index', 'state.db');
    const [a, b] = ['a'.repeat(40), 'b'.repeat(40)];
    // Thirty: passed then failed on commit a (a same-commit flip), then passed on commit b.
    writeIndex(indexPath, [{ [THIRTY]: 'passed' }, { [THIRTY]: 'failed' }, { [THIRTY]: 'passed' }], [a, a, b]);
    const earlier = await pytestPass(copy);
    const lane = { name: 'weekly', select: undefined, reruns: 3, riskTiers: {} };
    const run = await flakyPass(copy, { earlier: [earlier], lane, indexPath });
    const raw = HistoryFile.parse(JSON.parse(fs.readFileSync(path.join(run.runDir, 'raw/flaky/history.json'), 'utf8')));
    expect(raw[THIRTY]?.map((e) => e.sha)).toEqual([b, a, a]);
    const thirty = run.output.findings.find((f) => f.scope.nodeId === THIRTY);
    expect(thirty?.evidence.details?.['history']).toEqual({ runs: 3, failures: 1, sameCommitFlips: 1, crossCommitFlips: 1, flakeRate: 0.75 });
    expect(thirty?.message).toContain('(1 same-commit and 1 other flips)');
  }, 120_000);
});

describe('hostile node ids', () => {
  it('re-runs ids with quotes, shell syntax, option lookalikes and spaces as plain argv', async () => {
    const copy = copyFixture();
    fs.rmSync(copy.repoDir, { recursive: true });
    fs.cpSync(new URL('../../fixtures/projects/hostile-names/', import.meta.url), copy.repoDir, { recursive: true });
    const earlier = await pytestPass(copy);
    const failing = earlier.tests.filter((t) => t.outcome === 'failed').map((t) => t.nodeId);
    expect(failing).toHaveLength(4);
    const lane = { name: 'weekly', select: undefined, reruns: 2, riskTiers: {} };
    const run = await flakyPass(copy, { earlier: [earlier], lane });
    for (const id of failing) expect(run.output.notes).toContain(`${id}: failed all 2 re-runs too: a deterministic failure, not flaky`);
    expect(run.output.notes).toContain('re-runs: 0 passed, 8 failed');
    expect(fs.existsSync('/tmp/atqos-pwned')).toBe(false);
  }, 120_000);
});
