import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtqosError, fingerprint } from '../../src/core/index.js';
import type { NormalizeInput } from '../../src/plugin/contract.js';
import { coveragePlugin } from '../coverage/index.js';
import type { CoverageGapSummary } from '../coverage/summary.js';
import { coberturaPlugin, NO_TEST_RESULTS_NOTE } from './index.js';
import { coverageFixtures, ingestFixtures, ingestWith, removeTempDirs, tempDir, writeTemp } from './test-support.js';

const report = (name: string) => path.join(ingestFixtures, 'coverage', name);
const summaryOf = (out: { reports?: Record<string, unknown> }) => out.reports?.['coverage-gap-summary.json'] as CoverageGapSummary | undefined;

/** The coverage plugin reading the same file as its configured `report`: the reference result. */
function coveragePluginOn(file: string, repoDir: string, runStartedAtMs: number) {
  const text = fs.readFileSync(file, 'utf8');
  const options = coveragePlugin.parseOptions({ report: { path: file, format: 'cobertura' } });
  const input: NormalizeInput = {
    collect: { artifacts: [{ name: 'report', path: 'raw/coverage/report.xml', exists: true, bytes: text.length, mtimeMs: runStartedAtMs }] },
    read: (name) => (name === 'report' ? text : undefined),
    repoDir, runDir: path.join(repoDir, '.atqos/runs/r'), runStartedAtMs, options,
  };
  return coveragePlugin.normalize(input);
}

describe('cobertura ingest of a real coverage.py 6.5 report', () => {
  afterAll(removeTempDirs);
  const repo = tempDir('cobertura-repo');

  it('gives the gaps, fingerprints and summary the coverage plugin gives for the same report', async () => {
    const { output, input } = await ingestWith(coberturaPlugin, repo, [report('all.xml')]);
    const reference = coveragePluginOn(report('all.xml'), repo, input.runStartedAtMs);
    expect(output.trustworthy).toBe(true);
    expect(output.findings.map((f) => [f.scope.file, f.tool, f.fingerprint])).toEqual([
      ['calc/text.py', 'cobertura', fingerprint(['coverage', 'coverage_gap', 'calc/text.py'])],
      ['calc/unused.py', 'cobertura', fingerprint(['coverage', 'coverage_gap', 'calc/unused.py'])],
    ]);
    expect(output.findings.map(({ tool: _t, artifacts: _a, ...f }) => f)).toEqual(reference.findings.map(({ tool: _t, artifacts: _a, ...f }) => f));
    expect(summaryOf(output)).toEqual(summaryOf(reference));
  });

  it('the numbers, checked by hand against the XML', async () => {
    const { output } = await ingestWith(coberturaPlugin, repo, [report('all.xml')]);
    const summary = summaryOf(output)!;
    // ops.py 4/4; text.py 8 of 11 lines hit (9–12 by the whisper tests, 16–18 never); unused.py 0/3.
    expect(summary.module_inventory.map((m) => [m.path, m.percent, m.statements, m.missing, m.status])).toEqual([
      ['calc/ops.py', 100, 4, 0, 'covered'],
      ['calc/text.py', 72.73, 11, 3, 'below_target'],
      ['calc/unused.py', 0, 3, 3, 'no_tests'],
    ]);
    expect(summary.totals).toEqual({ percent: 66.67, statements: 18, missing: 6 });
    expect(output.findings.find((f) => f.scope.file === 'calc/text.py')?.evidence.details).toMatchObject({ missingLines: ['16-18'], target: 80 });
  });

  it('no test results: audit, no counts, and a note saying so', async () => {
    const { output } = await ingestWith(coberturaPlugin, repo, [report('all.xml')]);
    expect(output).toMatchObject({ audit: true, counts: undefined, tests: [] });
    expect(output.notes).toContain(NO_TEST_RESULTS_NOTE);
  });

  it('shards merge into the measurement of the whole suite; the same report twice counts once', async () => {
    const whole = summaryOf((await ingestWith(coberturaPlugin, repo, [report('all.xml')])).output)!;
    const shards = await ingestWith(coberturaPlugin, repo, [report('shard-ops.xml'), report('shard-text.xml')]);
    expect(summaryOf(shards.output)!.module_inventory).toEqual(whole.module_inventory);
    const opsOnly = summaryOf((await ingestWith(coberturaPlugin, repo, [report('shard-ops.xml')])).output)!;
    expect(opsOnly.module_inventory.find((m) => m.path === 'calc/text.py')?.percent).toBe(36.36);
    const twice = await ingestWith(coberturaPlugin, repo, [report('all.xml'), report('all.xml')]);
    expect(summaryOf(twice.output)!.module_inventory).toEqual(whole.module_inventory);
    expect(twice.output.notes).toContain('all.xml is identical to all.xml: counted once');
  });

  it('targets from the options apply (first matching glob, then defaultTarget)', async () => {
    const { output } = await ingestWith(coberturaPlugin, repo, [report('all.xml')], { targets: [{ glob: 'calc/text.py', min: 70 }], defaultTarget: 100 });
    expect(output.findings.map((f) => [f.scope.file, f.evidence.details?.['target']])).toEqual([['calc/unused.py', 100]]);
  });

  it('plans no task: the coverage plugin plans and proves add_test for the same fingerprint', async () => {
    const { output } = await ingestWith(coberturaPlugin, repo, [report('all.xml')]);
    expect(output.findings.length).toBeGreaterThan(0);
    expect(coberturaPlugin.plan({ findings: output.findings, options: {}, isTestFile: () => false })).toEqual([]);
  });
});

describe('cobertura ingest of other producers', () => {
  afterAll(removeTempDirs);

  it('a Java-style Cobertura (DTD reference, several <source> roots, inner classes) resolves against the repo', async () => {
    const { output } = await ingestWith(coberturaPlugin, '/home/runner/work/shop/shop', [path.join(coverageFixtures, 'java-style.cobertura.xml')]);
    expect(output.trustworthy).toBe(true);
    const summary = summaryOf(output)!;
    // Cart and Cart$Inner share shop/cart.py: lines 4, 5, 9 of 4, 5, 6, 9, 10 hit.
    expect(summary.module_inventory.find((m) => m.path === 'src/shop/cart.py')).toMatchObject({ percent: 60, statements: 5 });
    expect(output.notes).toContain('1 measured file(s) outside the repo ignored');
  });

  it('non-Python files are named by path, and their test files are not measured as source', async () => {
    const xml = `<?xml version="1.0"?><coverage version="1"><sources><source>.</source></sources><packages><package name="p"><classes>
      <class name="A" filename="src/app/cart.js"><lines><line number="1" hits="0"/><line number="2" hits="1"/><line number="3" hits="0"/></lines></class>
      <class name="B" filename="src/app/cart.test.js"><lines><line number="1" hits="0"/></lines></class>
      <class name="C" filename="src/main/java/shop/CartTest.java"><lines><line number="1" hits="0"/></lines></class>
    </classes></package></packages></coverage>`;
    const { output } = await ingestWith(coberturaPlugin, tempDir('js-repo'), [writeTemp('istanbul.xml', xml)]);
    expect(output.findings.map((f) => [f.scope.file, f.scope.symbol])).toEqual([['src/app/cart.js', 'src/app/cart.js']]);
    // First line missed while a later one ran is a Python import-time artifact only.
    expect(output.findings[0]?.evidence.details?.['importedBeforeCoverage']).toBeUndefined();
  });
});

describe('cobertura ingest of bad reports: never green', () => {
  afterAll(removeTempDirs);
  const repo = tempDir('cobertura-bad');
  const cases: [string, () => string, RegExp][] = [
    ['truncated', () => path.join(coverageFixtures, 'truncated.xml'), /truncated/],
    ['empty', () => writeTemp('empty.xml', ''), /empty/],
    ['an HTML error page', () => writeTemp('coverage.xml', '<!DOCTYPE html><html><body>502</body></html>'), /HTML page/],
    ['a JUnit report', () => path.join(ingestFixtures, '..', 'junit', 'pytest', 'pytest9-xunit1.xml'), /not a Cobertura report/],
  ];
  for (const [label, file, message] of cases) {
    it(`${label} → one tool_error naming the file, untrustworthy, no gaps or summary`, async () => {
      const f = file();
      const { output } = await ingestWith(coberturaPlugin, repo, [f]);
      expect(output.trustworthy).toBe(false);
      expect(output.reports).toBeUndefined();
      expect(output.findings.map((x) => x.kind)).toEqual(['tool_error']);
      expect(output.findings[0]!.message).toMatch(message);
      expect(output.findings[0]!.message).toContain(path.basename(f));
    });
  }

  it('a bad shard beside a good one: no gaps from the partial measurement', async () => {
    const { output } = await ingestWith(coberturaPlugin, repo, [report('all.xml'), path.join(coverageFixtures, 'truncated.xml')]);
    expect(output.trustworthy).toBe(false);
    expect(output.findings.map((f) => f.kind)).toEqual(['tool_error']);
  });

  it('a report of another checkout → a tool_error saying to set --repo', async () => {
    const xml = '<coverage version="1"><packages><package name="p"><classes><class name="A" filename="/builds/elsewhere/src/a.py"><lines><line number="1" hits="1"/></lines></class></classes></package></packages></coverage>';
    const { output } = await ingestWith(coberturaPlugin, repo, [writeTemp('elsewhere.xml', xml)]);
    expect(output.trustworthy).toBe(false);
    expect(output.findings[0]).toMatchObject({ kind: 'tool_error', title: 'Cobertura XML report measures no file of this repo' });
    expect(output.findings[0]!.message).toMatch(/--repo/);
    expect(output.findings[0]!.message).toContain('/builds/elsewhere/src/a.py');
  });
});

describe('cobertura options', () => {
  it('defaults without a section; unknown keys name plugins.cobertura.<key>', () => {
    expect(coberturaPlugin.parseOptions(undefined)).toEqual({ targets: [], defaultTarget: 80, critical: [], churnDays: 90 });
    expect(() => coberturaPlugin.parseOptions({ python: 'python3' })).toThrow(AtqosError);
    expect(() => coberturaPlugin.parseOptions({ python: 'python3' })).toThrow(/plugins\.cobertura\.python/);
    expect(() => coberturaPlugin.parseOptions({ defaultTarget: 120 })).toThrow(/plugins\.cobertura\.defaultTarget must be a percent/);
  });

  it('is never detected', async () => {
    expect(await coberturaPlugin.detect(tempDir('detect'))).toBe(false);
  });
});
