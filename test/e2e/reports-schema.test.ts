// The SARIF and CTRF files a real `atqos diagnose` writes (real pytest, real flake8, through the
// built CLI) validate against the published schemas, and a hostile file name stays one path.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CTRF_SCHEMA, SARIF_SCHEMA, validator } from '../../src/reports/test-support.js';
import { atqos, copyProject, parseJsonOut, readJson, removeTempDirs } from './support.js';
import type { CliResult } from './support.js';

afterAll(removeTempDirs);

const HOSTILE = 'src/shop/odd #1?%.py';

interface Sarif {
  runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
}
interface Ctrf {
  results: { summary: Record<string, number>; tests: { name: string; status: string; rawStatus: string }[] };
}

type Out = { runDir: string; tools: { plugin: string; trustworthy: boolean }[]; findings: { tool: string; scope: { file?: string } }[] };

describe('reports of a real diagnose run on the flake8-lint project (pytest + flake8)', () => {
  let r: CliResult;
  let out: Out;
  const report = <T>(name: string) => readJson<T>(path.join(out.runDir, 'reports', name));

  beforeAll(async () => {
    const repo = copyProject('flake8-lint', {
      [HOSTILE]: 'import os\n',
      '.github/atqos.yml': 'plugins:\n  flake8: { command: ["/usr/bin/flake8"] }\n',
    });
    r = await atqos(['diagnose', '--json', '--repo', repo], repo);
    out = parseJsonOut<Out>(r);
  }, 240_000);

  it('ran pytest and flake8, both trusted', () => {
    expect(r.code, r.stderr).toBe(1);
    expect(out.tools.map((t) => [t.plugin, t.trustworthy])).toEqual([['pytest', true], ['flake8', true]]);
  });

  it('reports/findings.sarif validates against the SARIF 2.1.0 schema, with one result per located finding', () => {
    const sarif = report<Sarif>('findings.sarif');
    const validate = validator(SARIF_SCHEMA);
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...sarif, runs: [{ results: [] }] })).toBe(false);
    const results = sarif.runs[0]!.results;
    expect(results).toHaveLength(out.findings.filter((f) => f.scope.file).length);
    expect(results.filter((x) => x.ruleId.startsWith('flake8/'))).toHaveLength(11);
    expect(results.some((x) => x.ruleId === 'pytest/test_failure')).toBe(true);
  });

  it('a file named with #, ? and % is one percent-encoded path, not a path plus fragment or query', () => {
    const uris = report<Sarif>('findings.sarif').runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('src/shop/odd%20%231%3F%25.py');
    for (const uri of uris) {
      const url = new URL(uri, 'file:///repo/');
      expect([url.hash, url.search]).toEqual(['', '']);
      expect(out.findings.map((f) => f.scope.file)).toContain(decodeURIComponent(url.pathname.slice('/repo/'.length)));
    }
  });

  it('reports/ctrf.json validates against the CTRF schema and holds what pytest ran', () => {
    const ctrf = report<Ctrf>('ctrf.json');
    const validate = validator(CTRF_SCHEMA);
    expect(validate(ctrf), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...ctrf, results: { ...ctrf.results, summary: { tests: 'four' } } })).toBe(false);
    expect(ctrf.results.summary).toMatchObject({ tests: 4, passed: 2, failed: 1, skipped: 1 });
    expect(ctrf.results.tests.map((t) => [t.name, t.status]).sort()).toEqual([
      ['tests/test_prices.py::test_with_vat', 'passed'],
      ['tests/test_prices.py::test_with_vat_in_cents', 'skipped'],
      ['tests/test_prices.py::test_with_vat_rounds_to_cents', 'failed'],
      ['tests/test_prices.py::test_with_vat_zero_rate', 'passed'],
    ]);
  });
});
