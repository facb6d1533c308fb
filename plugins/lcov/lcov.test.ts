import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/core/index.js';
import type { CoverageGapSummary } from '../coverage/summary.js';
import { coberturaPlugin, NO_TEST_RESULTS_NOTE } from '../cobertura/index.js';
import { coverageFixtures, ingestFixtures, ingestWith, removeTempDirs, tempDir, writeTemp } from '../cobertura/test-support.js';
import { lcovPlugin } from './index.js';

const report = (name: string) => path.join(ingestFixtures, 'coverage', name);
const summaryOf = (out: { reports?: Record<string, unknown> }) => out.reports?.['coverage-gap-summary.json'] as CoverageGapSummary | undefined;
const inventory = (out: { reports?: Record<string, unknown> }) => summaryOf(out)!.module_inventory;

describe('lcov ingest', () => {
  afterAll(removeTempDirs);
  const repo = tempDir('lcov-repo');

  it('reads the same measurement as the Cobertura report coverage.py wrote from the same data', async () => {
    const lcov = await ingestWith(lcovPlugin, repo, [report('all.lcov')]);
    const xml = await ingestWith(coberturaPlugin, repo, [report('all.xml')]);
    expect(lcov.output.trustworthy).toBe(true);
    expect(inventory(lcov.output)).toEqual(inventory(xml.output));
    // Same gap, same fingerprint, whichever format measured it; only the tool differs.
    expect(lcov.output.findings.map((f) => [f.tool, f.fingerprint])).toEqual([
      ['lcov', fingerprint(['coverage', 'coverage_gap', 'calc/text.py'])],
      ['lcov', fingerprint(['coverage', 'coverage_gap', 'calc/unused.py'])],
    ]);
    expect(xml.output.findings.map((f) => f.fingerprint)).toEqual(lcov.output.findings.map((f) => f.fingerprint));
    expect(lcov.output).toMatchObject({ audit: true, counts: undefined });
    expect(lcov.output.notes).toContain(NO_TEST_RESULTS_NOTE);
  });

  it('shards merge; the same tracefile twice counts once', async () => {
    const whole = inventory((await ingestWith(lcovPlugin, repo, [report('all.lcov')])).output);
    expect(inventory((await ingestWith(lcovPlugin, repo, [report('shard-text.lcov'), report('shard-ops.lcov')])).output)).toEqual(whole);
    expect(inventory((await ingestWith(lcovPlugin, repo, [report('all.lcov'), report('all.lcov')])).output)).toEqual(whole);
  });

  it('absolute SF: paths resolve against --repo; critical globs raise severity', async () => {
    const { output } = await ingestWith(lcovPlugin, '/home/runner/work/shop/shop', [path.join(coverageFixtures, 'absolute-paths.lcov')], { critical: ['src/shop/payments.py'] });
    expect(output.findings.map((f) => [f.scope.file, f.severity])).toEqual([
      ['src/shop/cart.py', 'low'],
      ['src/shop/payments.py', 'high'],
      ['src/shop/reports.py', 'medium'],
    ]);
    // The critical module is ranked first in the action items.
    expect(summaryOf(output)!.action_items[0]?.path).toBe('src/shop/payments.py');
  });

  it('a tracefile of another checkout → tool_error telling to set --repo, never green', async () => {
    const { output } = await ingestWith(lcovPlugin, repo, [path.join(coverageFixtures, 'absolute-paths.lcov')]);
    expect(output.trustworthy).toBe(false);
    expect(output.findings).toHaveLength(1);
    expect(output.findings[0]).toMatchObject({ tool: 'lcov', kind: 'tool_error', title: 'LCOV report measures no file of this repo' });
    expect(output.findings[0]!.message).toMatch(/none of the 5 measured file\(s\) lies in .*--repo/);
  });

  const bad: [string, () => string, RegExp][] = [
    ['truncated', () => path.join(coverageFixtures, 'truncated.lcov'), /truncated: the record for .* has no end_of_record/],
    ['empty', () => writeTemp('empty.lcov', '\n'), /empty/],
    ['not LCOV', () => report('all.xml'), /not an LCOV report/],
  ];
  for (const [label, file, message] of bad) {
    it(`${label} → tool_error, untrustworthy, no gaps`, async () => {
      const { output } = await ingestWith(lcovPlugin, repo, [file()]);
      expect(output.trustworthy).toBe(false);
      expect(output.reports).toBeUndefined();
      expect(output.findings.map((f) => [f.tool, f.kind])).toEqual([['lcov', 'tool_error']]);
      expect(output.findings[0]!.message).toMatch(message);
    });
  }

  it('options errors name plugins.lcov.<key>', () => {
    expect(lcovPlugin.parseOptions(undefined)).toMatchObject({ defaultTarget: 80 });
    expect(() => lcovPlugin.parseOptions({ report: 'x' })).toThrow(/plugins\.lcov\.report/);
  });
});
