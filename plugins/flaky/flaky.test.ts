// Real pytest on fixtures/projects/flaky: the pytest plugin's pass builds ctx.earlier, then the
// flaky plugin re-runs the failures. The fixture's schedule is exact (a counter per test), so
// every count below is known in advance.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EarlierResult } from '../../src/plugin/contract.js';
import { DEFAULT_QUARANTINE_MARKER } from '../../src/agents/builtin/options.js';
import { quarantineText, renderMarker } from '../../src/agents/builtin/quarantine-marker.js';
import { quarantineSource } from '../../src/agents/builtin/quarantine-source.js';
import { runCommand } from '../../src/runner/index.js';
import { supersede } from '../../src/engine/supersede.js';
import { RoundLog } from './raw-files.js';
import { plan } from './plan.js';
import { copyFixture, flakyPass, pytestPass, removeFixtures } from './test-support.js';
import type { FixtureCopy, FlakyRun } from './test-support.js';

const THIRTY = 'tests/test_thirty.py::test_fails_three_in_ten';
const BROKEN = 'tests/test_broken.py::test_always_fails';
const SLEEPY = 'tests/test_sleepy.py::test_sleep_random';

/** How often the fixture ran a test (its conftest's counter file). */
function invocations(copy: FixtureCopy, nodeId: string): number {
  const file = path.join(copy.stateDir, crypto.createHash('sha256').update(nodeId).digest('hex').slice(0, 16));
  return fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0;
}

const isTestFile = (p: string) => /(^|\/)test_[^/]*\.py$/.test(p);

afterAll(removeFixtures);

describe('flaky on the fixture project (10 re-runs, real pytest)', () => {
  let copy: FixtureCopy;
  let earlier: EarlierResult;
  let run: FlakyRun;

  beforeAll(async () => {
    copy = copyFixture();
    earlier = await pytestPass(copy);
    run = await flakyPass(copy, { earlier: [earlier] });
  }, 120_000);

  it('re-runs exactly the failing tests, 10 times each', () => {
    expect(earlier.tests.filter((t) => t.outcome === 'failed').map((t) => t.nodeId).sort()).toEqual([BROKEN, SLEEPY, THIRTY]);
    for (const id of [BROKEN, SLEEPY, THIRTY]) expect(invocations(copy, id)).toBe(11);
    expect(invocations(copy, 'tests/test_ok.py::test_passes')).toBe(0);
    const log = RoundLog.parse(JSON.parse(fs.readFileSync(path.join(run.runDir, 'raw/flaky/rounds.json'), 'utf8')));
    expect(log.runs.filter((r) => r.purpose === 'rerun')).toHaveLength(10);
  });

  it('detects the 30% test within 10 re-runs with its exact counts', () => {
    const f = run.output.findings.find((x) => x.scope.nodeId === THIRTY);
    expect(f?.kind).toBe('flaky_test');
    expect(f?.severity).toBe('medium');
    expect(f?.category).toBe('flaky');
    expect(f?.evidence.details).toMatchObject({ reruns: 10, rerunPasses: 7, rerunFailures: 3, failureRate: 0.3 });
    const ci = f?.evidence.details?.['wilson95'] as { low: number; high: number };
    expect(ci.low).toBeCloseTo(0.1078, 3);
    expect(ci.high).toBeCloseTo(0.6032, 3);
    expect(f?.title).toContain('failed 4 of 11 runs');
  });

  it('never calls the deterministic failure flaky', () => {
    expect(run.output.findings.some((x) => x.scope.nodeId === BROKEN)).toBe(false);
    expect(run.output.notes).toContain(`${BROKEN}: failed all 10 re-runs too: a deterministic failure, not flaky`);
  });

  it('attaches static evidence from the test and the helper it calls', () => {
    const f = run.output.findings.find((x) => x.scope.nodeId === SLEEPY);
    const hints = f?.evidence.details?.['staticEvidence'] as { kind: string; call: string; function: string }[];
    expect(hints.map((h) => [h.kind, h.call, h.function])).toEqual([
      ['sleep', 'time.sleep', '_wait_for_worker'],
      ['random_unseeded', 'random.random', '_wait_for_worker'],
    ]);
    expect(f?.evidence.details).toMatchObject({ rerunPasses: 5, rerunFailures: 5 });
    expect(run.output.findings.find((x) => x.scope.nodeId === THIRTY)?.evidence.details?.['staticEvidence']).toEqual([]);
  });

  it('supersedes the pytest findings of the flaky tests, and only those', () => {
    const byNode = (id: string) => earlier.findings.filter((f) => f.scope.nodeId === id).map((f) => f.fingerprint);
    expect(run.output.findings.find((x) => x.scope.nodeId === THIRTY)?.supersedes).toEqual(byNode(THIRTY));
    const { kept, dropped } = supersede([...earlier.findings, ...run.output.findings]);
    expect(dropped.map((f) => f.scope.nodeId).sort()).toEqual([SLEEPY, THIRTY]);
    expect(kept.filter((f) => f.tool === 'pytest').map((f) => f.scope.nodeId)).toEqual([BROKEN]);
  });

  it('tallies the re-run executions in its notes, as an audit that adds nothing to the run totals', () => {
    expect(run.output.trustworthy).toBe(true);
    expect(run.output.audit).toBe(true);
    expect(run.output.counts).toBeUndefined();
    expect(run.output.notes).toContain('re-runs: 12 passed, 18 failed');
  });

  it('plans one quarantine task per flaky test, its reason in the title', () => {
    const drafts = plan({ findings: [...earlier.findings, ...run.output.findings], options: {}, isTestFile });
    expect(drafts.map((d) => [d.type, d.targets.nodeIds, d.targets.files, d.allowedPaths])).toEqual([
      ['quarantine', [SLEEPY], ['tests/test_sleepy.py'], ['tests/test_sleepy.py']],
      ['quarantine', [THIRTY], ['tests/test_thirty.py'], ['tests/test_thirty.py']],
    ]);
    expect(drafts[0]?.title).toBe('Quarantine flaky test_sleep_random: failed 6 of 11 runs on one commit (re-run failure rate 50%, 95% CI 24%-76%); evidence: time.sleep, random.random');
    expect(drafts[1]?.title).toContain('failed 4 of 11 runs');
    expect(drafts[1]?.validation).toMatchObject({ expect: 'exit-zero', repeat: 5 });
  });

  it('carried out as the builtin quarantine fixer does, the task keeps the 30% test running without failing the run', async () => {
    const task = plan({ findings: run.output.findings, options: {}, isTestFile }).find((d) => d.targets.nodeIds[0] === THIRTY)!;
    const marker = renderMarker(DEFAULT_QUARANTINE_MARKER, quarantineText(task.title));
    expect(marker).toContain('quarantined by ATQOS: Quarantine flaky test_fails_three_in_ten: failed 4 of 11 runs');
    const file = path.join(copy.repoDir, task.targets.files[0]!);
    const edit = quarantineSource(fs.readFileSync(file, 'utf8'), ['test_fails_three_in_ten'], marker);
    expect(edit?.status).toBe('added');
    if (edit?.status === 'added') fs.writeFileSync(file, edit.source);
    const outputs: string[] = [];
    for (let i = 0; i < task.validation.repeat; i++) {
      for (const [n, cmd] of task.validation.commands.entries()) {
        const out = path.join(copy.stateDir, `validate-${i}-${n}`);
        const r = await runCommand({ argv: cmd.argv, cwd: copy.repoDir, env: { ...copy.env, ...cmd.env }, stdoutPath: `${out}.out`, stderrPath: `${out}.err` });
        expect(r.exitCode).toBe(0);
        outputs.push(fs.readFileSync(`${out}.out`, 'utf8'));
      }
    }
    // Invocations 11–15: the one at 14 fails, as an xfail that does not fail the run.
    expect(outputs.filter((o) => /XFAIL tests\/test_thirty.py::test_fails_three_in_ten/.test(o))).toHaveLength(1);
    expect(invocations(copy, THIRTY)).toBe(16);
  }, 180_000);
});

describe('flaky collect edge cases', () => {
  it('runs no process for tests when nothing failed, and says so', async () => {
    const copy = copyFixture();
    const run = await flakyPass(copy, { earlier: [{ plugin: 'pytest', tests: [{ tool: 'pytest', nodeId: 'tests/test_ok.py::test_passes', outcome: 'passed', durationMs: 1 }], findings: [], trustworthy: true }] });
    expect(Object.keys(run.collect.execs ?? {})).toEqual(['scan']);
    expect(run.collect.artifacts.some((a) => a.name.startsWith('rerun-'))).toBe(false);
    expect(run.output.trustworthy).toBe(true);
    expect(run.output.findings).toEqual([]);
    expect(run.output.notes).toContain('no failing pytest tests in this run: nothing to re-run');
  }, 60_000);

  it('uses the lane\'s reruns, caps the tests at maxTests, and survives an id pytest cannot find', async () => {
    const copy = copyFixture();
    const earlier = await pytestPass(copy);
    const gone = 'tests/test_sleepy.py::test_that_was_renamed';
    earlier.tests = [...earlier.tests, { tool: 'pytest', nodeId: gone, outcome: 'failed', durationMs: 0 }];
    const lane = { name: 'weekly', select: undefined, reruns: 2, riskTiers: {} };
    const run = await flakyPass(copy, { earlier: [earlier], lane, options: { maxTests: 3 } });
    // Sorted ids: broken, sleepy, the renamed one (not found), thirty (over the cap).
    expect(invocations(copy, BROKEN)).toBe(3);
    expect(invocations(copy, SLEEPY)).toBe(3);
    expect(invocations(copy, THIRTY)).toBe(1);
    expect(run.output.notes).toContain(`${gone}: pytest could not find this test when re-run by its node id; not re-run`);
    expect(run.output.notes).toContain(`1 failing test(s) not re-run (plugins.flaky.maxTests): ${THIRTY}`);
    // Invocations 1 and 2 of the sleepy test: fail at 2, pass at 1 → flaky after 2 re-runs.
    expect(run.output.findings.find((f) => f.scope.nodeId === SLEEPY)?.evidence.details).toMatchObject({ reruns: 2, rerunPasses: 1 });
  }, 120_000);

  it('stops re-running a test once it is known flaky when earlyStop is set', async () => {
    const copy = copyFixture();
    const earlier = await pytestPass(copy);
    const run = await flakyPass(copy, { earlier: [earlier], options: { earlyStop: true, reruns: 6 } });
    // Sleepy passes on invocation 1 and leaves; the broken test runs all 6 rounds.
    expect(invocations(copy, SLEEPY)).toBe(2);
    expect(invocations(copy, BROKEN)).toBe(7);
    expect(run.output.findings.find((f) => f.scope.nodeId === SLEEPY)?.evidence.details).toMatchObject({ reruns: 1, rerunPasses: 1, rerunFailures: 0 });
  }, 120_000);
});
