import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { churnArgv, parseChurn } from './churn.js';
import { lineRanges } from './line-ranges.js';
import { moduleName } from './inventory.js';
import { rankGaps } from './priority.js';
import { guessSources } from './sources.js';
import { jsonArgv, suiteArgv } from './suite-argv.js';
import { parseOptions } from './schema.js';
import { projectsDir, removeTemps, tempDir } from './test-support.js';

afterAll(removeTemps);

describe('small pieces', () => {
  it('lineRanges folds consecutive lines', () => {
    expect(lineRanges([20, 15, 16, 17, 22, 21, 23, 6])).toEqual(['6', '15-17', '20-23']);
  });

  it('parseChurn counts commits per path', () => {
    expect([...parseChurn('a.py\nb.py\n\na.py\n')]).toEqual([['a.py', 2], ['b.py', 1]]);
    expect(churnArgv(30)).toContain('--since=30 days ago');
  });

  it('moduleName drops the src/ layout and __init__', () => {
    expect(moduleName('src/shop/cart.py')).toBe('shop.cart');
    expect(moduleName('pkg/sub/__init__.py')).toBe('pkg.sub');
  });

  it('rankGaps: critical first, then churn, then gap size, then path', () => {
    const ranks = rankGaps([
      { path: 'b.py', critical: false, churn: 1, gapStatements: 9 },
      { path: 'a.py', critical: false, churn: 1, gapStatements: 9 },
      { path: 'c.py', critical: false, churn: 5, gapStatements: 1 },
      { path: 'd.py', critical: true, churn: 0, gapStatements: 1 },
    ]);
    expect([...ranks]).toEqual([['d.py', 500], ['c.py', 501], ['a.py', 502], ['b.py', 503]]);
  });
});

describe('guessSources', () => {
  it('takes the src/ packages of a src layout', () => {
    expect(guessSources(path.join(projectsDir, 'coverage-gaps'))).toEqual(['src/shop']);
  });

  it('takes top-level packages and modules that are not tests or tooling', () => {
    const dir = tempDir('flat');
    for (const d of ['app', 'tests', 'docs']) fs.mkdirSync(path.join(dir, d));
    for (const f of ['app/__init__.py', 'tests/__init__.py', 'docs/__init__.py', 'tool.py', 'setup.py', 'conftest.py', 'test_x.py']) fs.writeFileSync(path.join(dir, f), '');
    expect(guessSources(dir)).toEqual(['app', 'tool']);
  });
});

describe('suite argv', () => {
  it('coverage run: --source before -m pytest, our plugin loaded, no cache', () => {
    const argv = suiteArgv(parseOptions({ python: 'py', branch: true, testPaths: ['-odd'], args: ['-x'] }), ['src/a', 'src/b']);
    expect(argv).toEqual(['py', '-m', 'coverage', 'run', '--branch', '--source=src/a,src/b', '-m', 'pytest', './-odd', '-x', '-p', 'atqos_coverage_tests', '-p', 'no:cacheprovider', '--color=no']);
  });

  it('pytest-cov: one --cov per source, no report of its own, test contexts', () => {
    const argv = suiteArgv(parseOptions({ python: 'py', runner: 'pytest-cov' }), ['src/a']);
    expect(argv.slice(-4)).toEqual(['--color=no', '--cov=src/a', '--cov-report=', '--cov-context=test']);
    expect(jsonArgv(parseOptions({ contexts: false }), '/r/c.json')).toEqual(['python3', '-m', 'coverage', 'json', '-i', '-o', '/r/c.json']);
  });
});
