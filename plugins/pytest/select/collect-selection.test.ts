// The pytest plugin's real collect and normalize under a lane selection: what pytest ran, the
// selection record and notes, the health report and risk-tier priorities.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectContext, NormalizeInput } from '../../../src/plugin/contract.js';
import type { ImpactMap } from '../../coverage/impact-map.js';
import { collect } from '../collect.js';
import { normalize } from '../normalize.js';
import { plan } from '../plan.js';
import { isPytestTestFile } from '../test-files.js';
import { changesSince, contextFor, edit, fixtureRepo, keepImpactMap, measureImpactMap, removeTemps } from './impact-support.js';
import { HEALTH_REPORT } from './health.js';

let map: ImpactMap;
beforeAll(() => {
  const { repo, sha } = fixtureRepo();
  map = measureImpactMap(repo, sha);
}, 60_000);
afterAll(removeTemps);

async function run(ctx: CollectContext) {
  const result = await collect(ctx);
  const read = (name: string) => {
    const a = result.artifacts.find((x) => x.name === name);
    return a?.exists ? fs.readFileSync(path.join(ctx.runDir, a.path), 'utf8') : undefined;
  };
  const input: NormalizeInput = { collect: result, read, repoDir: ctx.repoDir, runDir: ctx.runDir, runStartedAtMs: ctx.runStartedAtMs, options: ctx.options };
  return { result, out: normalize(input), record: JSON.parse(read('selection') ?? 'null') as Record<string, unknown> };
}

interface HealthView {
  targeted_suite: { selection: { reasons: string[] } };
  high_signal_failures: { nodeid: string; tier: string | null; category: string; source_files: string[] }[];
  curated_targets: { target: string; tier: string | null }[];
}

const TIERS = { P0: { paths: [], markers: ['p0'] }, P1: { paths: ['tests/test_text.py'], markers: [] } };

describe('collect with a lane selection', () => {
  it('pr lane, impacted: runs only the impacted test and catches the broken function', async () => {
    const { repo, sha } = fixtureRepo();
    keepImpactMap(repo, map);
    edit(repo, 'calc/arith.py', 'if x > high:', 'if x < high:');
    const { result, out, record } = await run(contextFor(repo, { lane: { name: 'pr', select: { impacted: true } }, changes: changesSince(repo, sha) }));
    expect(result.exec?.argv).toContain('tests/test_arith.py::test_clamp');
    expect(out.tests.map((t) => [t.nodeId, t.outcome])).toEqual([['tests/test_arith.py::test_clamp', 'failed']]);
    expect(record).toMatchObject({ lane: 'pr', mode: 'subset', targets: ['tests/test_arith.py::test_clamp'], impact: { mode: 'impacted', changedUnits: ['calc/arith.py::clamp'] } });
    expect(out.notes[0]).toMatch(/^selection \(lane pr\): ran 1 target\(s\) — impact: 1 target\(s\) impacted/);
  });

  it('pr lane, documentation only: runs nothing, says why, and is never green (nothing executed)', async () => {
    const { repo, sha } = fixtureRepo();
    keepImpactMap(repo, map);
    fs.appendFileSync(path.join(repo, 'README.md'), 'typo fix\n');
    const { result, out } = await run(contextFor(repo, { lane: { name: 'pr', select: { impacted: true } }, changes: changesSince(repo, sha) }));
    expect(result.exec).toBeUndefined();
    expect(out).toMatchObject({ tests: [], findings: [], counts: { total: 0, passed: 0 } });
    expect(out.notes).toEqual(['selection (lane pr): ran no test — impact: no test is impacted: the changes touch only documentation (README.md)']);
  });

  it('markers and tiers combine with "and"; tier paths and tier markers unite', async () => {
    const { repo } = fixtureRepo();
    const m = await run(contextFor(repo, { lane: { name: 'x', select: { markers: 'not p1', tiers: ['P0'] }, riskTiers: TIERS } }));
    expect(m.record).toMatchObject({ mode: 'subset', markers: '(not p1) and (p0)', targets: [] });
    expect(m.out.tests.map((t) => t.nodeId).sort()).toEqual(['tests/test_arith.py::test_add', 'tests/test_pricing.py::test_with_tax']);
    const both = await run(contextFor(repo, { lane: { name: 'x', select: { tiers: ['P0', 'P1'] }, riskTiers: TIERS } }));
    expect(both.out.tests.map((t) => t.nodeId).sort()).toEqual([
      'tests/test_arith.py::test_add', 'tests/test_pricing.py::test_with_tax',
      'tests/test_text.py::test_initials', 'tests/test_text.py::test_shout', 'tests/test_text.py::test_slug',
    ]);
  });

  it('select.paths: globs expand to test modules, paths outside the repo are refused', async () => {
    const { repo } = fixtureRepo();
    const { out } = await run(contextFor(repo, { lane: { name: 'x', select: { paths: ['tests/test_t*.py'] } } }));
    expect(out.tests.map((t) => t.nodeId)).toEqual(['tests/test_text.py::test_shout', 'tests/test_text.py::test_slug', 'tests/test_text.py::test_initials']);
    await expect(collect(contextFor(repo, { lane: { name: 'x', select: { paths: ['../elsewhere'] } } }))).rejects.toThrow(/lanes\.x\.select\.paths\[0\] \("\.\.\/elsewhere"\) must be a path inside the repository/);
    await expect(collect(contextFor(repo, { lane: { name: 'x', select: { paths: ['tests/nope.py'] } } }))).rejects.toThrow(/does not exist/);
  });

  it('hostile file names: a changed test module named like an option or a shell command runs as a path', async () => {
    const { repo, sha } = fixtureRepo();
    keepImpactMap(repo, map);
    fs.writeFileSync(path.join(repo, '-x_test.py'), 'def test_dash():\n    assert True\n');
    fs.writeFileSync(path.join(repo, 'tests', 'test_$(touch PWNED); `id`.py'), 'def test_shell():\n    assert True\n');
    const { result, out } = await run(contextFor(repo, { lane: { name: 'pr', select: { impacted: true } }, changes: changesSince(repo, sha) }));
    expect(result.exec?.argv).toContain('./-x_test.py');
    expect(out.tests.map((t) => t.nodeId).sort()).toEqual(['-x_test.py::test_dash', 'tests/test_$(touch PWNED); `id`.py::test_shell']);
    expect(fs.existsSync(path.join(repo, 'PWNED'))).toBe(false);
    expect(out.trustworthy).toBe(true);
  });

  it('health lane: P0+P1 by default, the PRD-78 report, P0 failures planned first', async () => {
    const { repo } = fixtureRepo();
    edit(repo, 'calc/text.py', 'return s.upper() + "!"', 'return s.lower()');
    edit(repo, 'calc/arith.py', 'return a + b', 'return a * b');
    const { out, record } = await run(contextFor(repo, { lane: { name: 'health', riskTiers: TIERS } }));
    expect(record).toMatchObject({ mode: 'subset', tiers: ['P0', 'P1'] });
    const report = out.reports?.[HEALTH_REPORT] as HealthView;
    expect(report.targeted_suite).toMatchObject({ total: 5, passed: 3, failed: 2, errors: 0, skipped: 0, selection: { mode: 'subset', tiers: ['P0', 'P1'] } });
    expect(report.high_signal_failures.map((f) => [f.nodeid, f.tier, f.category])).toEqual([
      ['tests/test_arith.py::test_add', 'P0', 'assertion'],
      ['tests/test_text.py::test_shout', 'P1', 'assertion'],
    ]);
    expect(report.high_signal_failures[0]!.source_files).toEqual(['tests/test_arith.py']);
    expect(report.curated_targets).toEqual([
      { target: 'tests/test_arith.py::test_add', tier: 'P0' },
      { target: 'tests/test_pricing.py::test_with_tax', tier: 'P0' },
      { target: 'tests/test_text.py', tier: 'P1' },
    ]);
    const drafts = plan({ findings: out.findings, options: {}, isTestFile: isPytestTestFile });
    expect(drafts.map((d) => [d.targets.files[0], d.priority])).toEqual([['tests/test_arith.py', 21], ['tests/test_text.py', 25]]);
    const noTiers = await run(contextFor(repo, { lane: { name: 'health' } }));
    expect((noTiers.out.reports?.[HEALTH_REPORT] as HealthView).targeted_suite.selection.reasons[0]).toMatch(/no P0\/P1 risk tiers configured: the full suite/);
    expect(noTiers.record).toMatchObject({ mode: 'full' });
  });
});

describe('collect without a selection', () => {
  it('runs the whole suite, records it, and adds no note', async () => {
    const { repo } = fixtureRepo();
    const { result, out, record } = await run(contextFor(repo));
    expect(result.exec?.argv.slice(3).filter((a) => a.startsWith('tests') || a === '-m')).toEqual([]);
    expect(record).toMatchObject({ lane: 'nightly', mode: 'full', reasons: ['lane nightly runs the whole suite'], targets: [] });
    expect(out.tests).toHaveLength(11);
    expect(out.notes.filter((n) => n.startsWith('selection'))).toEqual([]);
  });

  it('a pr lane whose impact falls back says so in the notes', async () => {
    const { repo, sha } = fixtureRepo();
    fs.appendFileSync(path.join(repo, 'tests', 'conftest.py'), '\n');
    const { out, record } = await run(contextFor(repo, { lane: { name: 'pr', select: { impacted: true } }, changes: changesSince(repo, sha) }));
    expect(record).toMatchObject({ mode: 'full', impact: { mode: 'full' } });
    expect(out.tests).toHaveLength(11);
    expect(out.notes[0]).toMatch(/^selection \(lane pr\): ran the full suite — impact: full suite because no earlier run kept/);
  });
});
