// Test impact in task validation, on real parts: the impact fixture in a temp git repo, a real
// per-test coverage map (coverage.py contexts), a task worktree edited by a scripted `command`
// agent, then the engine's validateAttempt with the pytest plugin's own validation and impact.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCommandAgent } from '../../agents/command/command-agent.js';
import { fakeAgent, makeCtx, makeRequest, tempDir } from '../../agents/test-support.js';
import { createTaskWorktree, diffWorktree, removeTaskWorktree } from '../../git/index.js';
import { buildToolEnv } from '../../runner/index.js';
import { silentLogger } from '../logger.js';
import { pytestPlugin } from '../../../plugins/pytest/index.js';
import { edit, fixtureRepo, git, keepImpactMap, measureImpactMap, removeTemps } from '../../../plugins/pytest/select/impact-support.js';
import { validateAttempt } from './validate-attempt.js';

const TARGET = 'tests/test_pricing.py::test_discount';
const GUARD_TEST = 'tests/test_pricing.py::test_discount_above_100_fails';
const BROKEN_DISCOUNT = 'return amount + amount * percent // 100';
const RIGHT_DISCOUNT = 'return amount - amount * percent // 100';

let repo: string;
let base: string;
const ROOT_REPO = () => repo;
const ROOT_BASE = () => base;
let root: string;
let n = 0;

// The base commit has two bugs: discount() adds instead of subtracting (the task's target fails)
// and shout() lost its "!" (a failure no attempt here touches). The map is measured there.
beforeAll(() => {
  ({ repo } = fixtureRepo());
  edit(repo, 'calc/pricing.py', RIGHT_DISCOUNT, BROKEN_DISCOUNT);
  edit(repo, 'calc/text.py', 'return s.upper() + "!"', 'return s.upper()');
  git(repo, 'commit', '-qam', 'two bugs');
  base = git(repo, 'rev-parse', 'HEAD').trim();
  keepImpactMap(repo, measureImpactMap(repo, base));
  root = tempDir('atqos-impacted-');
}, 60_000);
afterAll(() => {
  removeTemps();
  fs.rmSync(root, { recursive: true, force: true });
});

type Edit = { path: string; find: string; replace: string } | { path: string; content: string };

interface AttemptOptions {
  at?: { repo: string; base: string };
  flakyTests?: string[];
  baseTests?: string[];
}

/** One attempt: worktree at the base, the scripted agent's edits, then targeted + impact validation. */
async function attempt(edits: Edit[], runDir = path.join(repo, '.atqos', 'runs', '20990101T000000-now'), opts: AttemptOptions = {}) {
  const { repo, base } = opts.at ?? { repo: ROOT_REPO(), base: ROOT_BASE() };
  const worktree = path.join(root, `wt-${++n}`);
  const attemptDir = path.join(runDir, 'tasks', 't1', `attempt-${n}`);
  fs.mkdirSync(attemptDir, { recursive: true });
  await createTaskWorktree({ repo, baseSha: base, dir: worktree });
  try {
    const script = path.join(root, `edits-${n}.json`);
    fs.writeFileSync(script, JSON.stringify(edits));
    const agent = createCommandAgent({ argv: [process.execPath, fakeAgent('apply-patch.mjs'), '--script', script] });
    const targets = { files: ['tests/test_pricing.py'], nodeIds: [TARGET] };
    const outcome = await agent.attempt(makeRequest(worktree, { targets, allowedPaths: ['calc/**'] }), makeCtx(attemptDir));
    expect(outcome.error).toBeUndefined();
    const diff = await diffWorktree(worktree, base);
    const spec = pytestPlugin.validation(targets, {}, 'fix');
    const outDir = path.join(attemptDir, 'validation');
    const result = await validateAttempt({
      spec, repeat: 1, worktree, outDir, runDir, env: buildToolEnv(process.env), signal: new AbortController().signal, targets: targets.nodeIds,
      impact: {
        plugin: pytestPlugin, pluginOptions: {}, repoDir: repo, baseSha: base, changedFiles: diff.changes.map((c) => c.path), log: silentLogger,
        ...(opts.flakyTests ? { flakyTests: opts.flakyTests } : {}), ...(opts.baseTests ? { baseTests: opts.baseTests } : {}),
      },
    });
    const check = JSON.parse(fs.readFileSync(path.join(outDir, 'impacted', 'impacted-tests.json'), 'utf8')) as { ran: string[]; broken: string[]; flakyExcluded: string[]; flipped: string[] };
    return { result, check, worktree, outDir };
  } finally {
    await removeTaskWorktree(repo, worktree);
  }
}

const fixDiscount: Edit = { path: 'calc/pricing.py', find: BROKEN_DISCOUNT, replace: RIGHT_DISCOUNT };
// Fixes the target too, but drops the guard another test (which runs discount()) relies on.
const fixDiscountDropGuard: Edit = { path: 'calc/pricing.py', find: `    if percent > 100:\n        raise ValueError("discount above 100%")\n    ${BROKEN_DISCOUNT}`, replace: `    ${RIGHT_DISCOUNT}` };

describe('impacted tests in task validation (real pytest, real coverage map)', () => {
  it('rejects a fix that passes its target but breaks another test running the changed function, naming it', async () => {
    const { result, check, outDir } = await attempt([fixDiscountDropGuard]);
    expect(fs.existsSync(path.join(outDir, 'impacted', 'impact-base-git'))).toBe(true);
    expect(result.ok).toBe(false);
    expect(result.delta.broken).toEqual([GUARD_TEST]);
    expect(result.reason).toMatch(/^impacted tests: the change breaks 1 previously passing test\(s\): tests\/test_pricing\.py::test_discount_above_100_fails \(they fail 3× with the change and pass at the base commit or have no result there; ran the impacted tests \(2 target\(s\) impacted/);
    // Only the tests that executed discount() ran: impact, not the whole suite.
    expect(check.ran.sort()).toEqual([TARGET, GUARD_TEST]);
  }, 120_000);

  it('measures a test at the base once per run: a second attempt breaking it is judged from the run\'s record', async () => {
    const again = await attempt([fixDiscountDropGuard]);
    expect(again.result.ok).toBe(false);
    expect(again.result.delta.broken).toEqual([GUARD_TEST]);
    // No base worktree this time (its git log dir would be here); the first attempt recorded the outcome.
    expect(fs.existsSync(path.join(again.outDir, 'impacted', 'impact-base-git'))).toBe(false);
    const cache = path.join(repo, '.atqos', 'runs', '20990101T000000-now', 'impacted-base', `${base.slice(0, 12)}.json`);
    expect(JSON.parse(fs.readFileSync(cache, 'utf8'))).toEqual({ [GUARD_TEST]: ['passed'] });
  }, 120_000);

  it('accepts a fix that breaks nothing, after running the impacted tests', async () => {
    const { result, check } = await attempt([fixDiscount]);
    expect(result.ok).toBe(true);
    expect(result.delta).toEqual({ fixed: [TARGET], broken: [] });
    expect(result.reason).toMatch(/^impacted tests: ran 2 test\(s\), the impacted tests .*: none fails$/);
    expect(check.ran.sort()).toEqual([TARGET, GUARD_TEST]);
  }, 120_000);

  it('falls back to the full suite when module-level code changes, and catches what that breaks', async () => {
    const { result, check } = await attempt([fixDiscount, { path: 'calc/constants.py', find: 'TAX_RATE = 20', replace: 'TAX_RATE = 25' }]);
    expect(result.ok).toBe(false);
    expect(result.delta.broken).toEqual(['tests/test_pricing.py::test_with_tax']);
    expect(result.reason).toMatch(/ran the full suite \(module-level code changed in calc\/constants\.py \(line 2\)/);
    // test_shout fails at the base too: the full run saw it, the base check cleared it.
    expect(result.reason).toMatch(/; 1 failed before the change too\)$/);
    expect(check.ran).toHaveLength(11);
  }, 120_000);

  it('without an impact map runs the full suite, and a failure that was already there blocks nothing', async () => {
    const { result, check } = await attempt([fixDiscount], path.join(root, 'runs', '20990101T000000-nomap'));
    expect(result.ok).toBe(true);
    expect(result.reason).toMatch(/^impacted tests: ran 11 test\(s\), the full suite \(no earlier run kept raw\/coverage\/impact-map\.json.*\): no test that passed before fails; 1 failed before the change too$/);
    expect(check.broken).toEqual([]);
  }, 120_000);

  it('the current run\'s own impact map is preferred, and a conftest change means the full suite', async () => {
    const runs = path.join(repo, '.atqos', 'runs');
    const runDir = path.join(runs, '20990101T000000-own');
    // A newer sibling's unreadable map would force the full suite if the run's own were not read first.
    keepImpactMap(repo, 'not json', '20990101T000000-zzz-garbage');
    fs.mkdirSync(path.join(runDir, 'raw', 'coverage'), { recursive: true });
    fs.copyFileSync(path.join(runs, '20200101T000000-old', 'raw', 'coverage', 'impact-map.json'), path.join(runDir, 'raw', 'coverage', 'impact-map.json'));
    try {
      const own = await attempt([fixDiscount], runDir);
      expect(own.check.ran.sort()).toEqual([TARGET, GUARD_TEST]);
      const conftest = await attempt([fixDiscount, { path: 'tests/conftest.py', find: 'return [0, 10, 250]', replace: 'return [0, 10, 250]  # same' }], runDir);
      expect(conftest.result.ok).toBe(true);
      expect(conftest.result.reason).toMatch(/the full suite \(tests\/conftest\.py changed: conftest files shape every test below them\)/);
    } finally {
      fs.rmSync(path.join(runs, '20990101T000000-zzz-garbage'), { recursive: true, force: true });
      fs.rmSync(runDir, { recursive: true, force: true });
    }
  }, 120_000);
});

// A test whose outcome is scripted per run (a file outside the repo lists them; then it passes),
// besides checking discount(80, 0) — which ZERO_BREAKS really breaks while fixing the target.
const SCRIPTED = 'tests/test_scripted.py::test_discount_zero';
const ZERO_BREAKS: Edit = { path: 'calc/pricing.py', find: BROKEN_DISCOUNT, replace: 'return amount - amount * percent // 100 if percent else 0' };

describe('flaky tests in the impact check (real pytest, scripted flips)', () => {
  let at: { repo: string; base: string };
  let script: string;
  let k = 0;
  const runDir = () => path.join(at.repo, '.atqos', 'runs', `20990101T000000-flaky${++k}`);
  /** The scripted test's outcomes for its next runs, in the order the check runs it. */
  const flips = (...steps: ('pass' | 'fail')[]) => fs.writeFileSync(script, steps.join(' '));

  beforeAll(() => {
    at = { repo: fixtureRepo().repo, base: '' };
    script = path.join(tempDir('atqos-script-'), 'steps.txt');
    fs.writeFileSync(path.join(at.repo, 'tests', 'test_scripted.py'), [
      'import pathlib',
      'from calc.pricing import discount',
      `SCRIPT = pathlib.Path(${JSON.stringify(script)})`,
      '',
      '',
      'def test_discount_zero():',
      '    steps = SCRIPT.read_text().split() if SCRIPT.exists() else []',
      '    if steps:',
      '        SCRIPT.write_text(" ".join(steps[1:]))',
      '        assert steps[0] != "fail", "scripted flip"',
      '    assert discount(80, 0) == 80',
      '',
    ].join('\n'));
    edit(at.repo, 'calc/pricing.py', RIGHT_DISCOUNT, BROKEN_DISCOUNT);
    git(at.repo, 'add', '-A');
    git(at.repo, 'commit', '-qm', 'a bug and a scripted test');
    at.base = git(at.repo, 'rev-parse', 'HEAD').trim();
    keepImpactMap(at.repo, measureImpactMap(at.repo, at.base));
  }, 60_000);
  beforeEach(() => fs.rmSync(script, { force: true }));

  it('leaves a known-flaky test out and names it: its failure with a good fix rejects nothing', async () => {
    flips('fail');
    const { result, check } = await attempt([fixDiscount], runDir(), { at, flakyTests: [SCRIPTED] });
    expect(result.ok, result.reason).toBe(true);
    expect(check.flakyExcluded).toEqual([SCRIPTED]);
    expect(result.reason).toMatch(/none fails; left out as known flaky: tests\/test_scripted\.py::test_discount_zero$/);
  }, 120_000);

  it('re-runs a failure with the change: one that passes on a re-run is flaky, not broken', async () => {
    flips('fail');
    const { result, check } = await attempt([fixDiscount], runDir(), { at });
    expect(result.ok, result.reason).toBe(true);
    expect(check.flipped).toEqual([SCRIPTED]);
    expect(result.reason).toMatch(/no test fails consistently; failed once but passed when re-run \(flaky, not broken\): tests\/test_scripted\.py::test_discount_zero$/);
  }, 120_000);

  it('catches a real break of a test that flipped to failing once at the base: one base failure is not "failed before"', async () => {
    // Three runs with the change (really failing either way), then the base: a flip, then a pass.
    // A single base run (the second step) would have seen only the flip.
    flips('pass', 'fail', 'fail', 'fail', 'pass');
    const { result, check } = await attempt([ZERO_BREAKS], runDir(), { at });
    expect(result.ok).toBe(false);
    expect(check.broken).toEqual([SCRIPTED]);
    expect(result.delta.broken).toEqual([SCRIPTED]);
  }, 120_000);

  it('calls a failing test with no result at the base broken, unless the base does not have it (a new test)', async () => {
    const NEW = 'tests/test_new.py::test_zero_again';
    const addNew: Edit = { path: 'tests/test_new.py', content: 'from calc.pricing import discount\n\n\ndef test_zero_again():\n    assert discount(80, 0) == 81\n' };
    const baseTests = [TARGET, GUARD_TEST, SCRIPTED];
    const isNew = await attempt([fixDiscount, addNew], runDir(), { at, baseTests });
    expect(isNew.result.ok, isNew.result.reason).toBe(true);
    expect(isNew.result.reason).toMatch(/new test\(s\) not at the base: tests\/test_new\.py::test_zero_again/);
    // The base listing says it was there, yet the base run gave no result for it: no proof it failed before.
    const noResult = await attempt([fixDiscount, addNew], runDir(), { at, baseTests: [...baseTests, NEW] });
    expect(noResult.result.ok).toBe(false);
    expect(noResult.check.broken).toEqual([NEW]);
  }, 240_000);
});
