import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NormalizeOutput } from '../../src/plugin/contract.js';
import { normalize } from './normalize.js';
import { collectIn, DEBIAN_PYTHON, gitProject, removeTemps, samplesDir } from './test-support.js';

// Runs that must never read as green: each is a real process on a copy of the fixture.
afterAll(removeTemps);

const problem = (out: NormalizeOutput) => out.findings.map((f) => [f.kind, f.evidence.details?.['runProblem']]);

async function normalized(options: Record<string, unknown>, prepare?: (repo: string) => void) {
  const repo = gitProject('coverage-gaps');
  prepare?.(repo);
  const run = await collectIn(repo, options);
  return { run, out: normalize(run.input) };
}

describe('untrustworthy coverage runs', () => {
  it('an interpreter without coverage.py (pyenv python3) says to set plugins.coverage.python', async () => {
    const { out } = await normalized({ python: 'python3' });
    expect(out.trustworthy).toBe(false);
    expect(problem(out)).toEqual([['tool_error', 'no-coverage']]);
    expect(out.findings[0]!.message).toMatch(/python3 has no coverage.py .*set plugins.coverage.python/);
    expect(out.reports).toBeUndefined();
  }, 60_000);

  it('pytest-cov missing (pyenv python3 has pytest only) says to install it or use coverage-run', async () => {
    const { out } = await normalized({ python: 'python3', runner: 'pytest-cov' });
    expect(problem(out)).toEqual([['tool_error', 'no-pytest-cov']]);
    expect(out.findings[0]!.message).toMatch(/install pytest-cov .* or set plugins.coverage.runner to coverage-run/);
  }, 60_000);

  it('an interpreter that does not exist is a start failure', async () => {
    const { out } = await normalized({ python: '/nonexistent/python3' });
    expect(out.trustworthy).toBe(false);
    expect(problem(out)).toEqual([['tool_error', 'start']]);
  }, 60_000);

  it('a suite that selects no test (exit 5) yields no gaps', async () => {
    const { out } = await normalized({ python: DEBIAN_PYTHON, args: ['-k', 'no_test_has_this_name'] });
    expect(out.trustworthy).toBe(false);
    expect(problem(out)).toEqual([['tool_error', 'exit-5']]);
    expect(out.findings.some((f) => f.kind === 'coverage_gap')).toBe(false);
  }, 60_000);

  it('a report older than the run is stale: no gaps from it', async () => {
    const { run } = await normalized({ python: DEBIAN_PYTHON, contexts: false });
    const later = { ...run.input, runStartedAtMs: run.input.runStartedAtMs + 3_600_000 };
    const out = normalize(later);
    expect(out.trustworthy).toBe(false);
    expect(problem(out)).toEqual([['tool_error', 'stale-report']]);
  }, 60_000);
});

describe('runs that stay trustworthy', () => {
  it('failing tests still give a measurement, with a note', async () => {
    const { out } = await normalized({ python: DEBIAN_PYTHON }, (repo) => {
      fs.writeFileSync(path.join(repo, 'tests', 'test_broken.py'), 'def test_broken():\n    assert 1 == 2\n');
    });
    expect(out.trustworthy).toBe(true);
    expect(out.notes).toContain('1 test(s) failed under coverage: what they test may read as missed until they pass');
    // A failed test is not "obsolete": only passing tests without project lines are.
    expect(out.findings.filter((f) => f.kind === 'obsolete_test').map((f) => f.scope.nodeId)).toEqual(['tests/test_strings.py::test_upper']);
  }, 60_000);

  it('reads a configured report instead of running the suite', async () => {
    const { run, out } = await normalized({ report: { path: 'coverage.xml', format: 'cobertura' } }, (repo) => {
      const xml = fs.readFileSync(path.join(samplesDir, 'cobertura-6.5.xml'), 'utf8').replace('/home/runner/work/shop/shop', repo);
      fs.writeFileSync(path.join(repo, 'coverage.xml'), xml);
    });
    expect(run.collect.exec).toBeUndefined();
    expect(out.trustworthy).toBe(true);
    expect(out.findings.map((f) => f.scope.file)).toEqual(['src/shop/cart.py', 'src/shop/payments.py', 'src/shop/reports.py']);
  }, 60_000);

  it('a configured report that does not exist is a tool error naming the option', async () => {
    const { out } = await normalized({ report: { path: 'nowhere.json', format: 'coverage-json' } });
    expect(problem(out)).toEqual([['tool_error', 'no-report']]);
    expect(out.findings[0]!.message).toMatch(/plugins.coverage.report.path names no file/);
  }, 60_000);
});
