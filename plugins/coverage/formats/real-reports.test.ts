import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEBIAN_PYTHON, projectsDir, removeTemps, tempDir } from '../test-support.js';
import { parseCoverageReport } from './index.js';
import type { CoverageData, CoverageFormat } from './index.js';

// Reports written just now by the real coverage.py (Debian's 6.5) on fixtures/projects/coverage-gaps.
let repo = '';
let dataFile = '';
const reports: Record<CoverageFormat, string> = { 'coverage-json': '', cobertura: '', lcov: '' };

function coverage(...args: string[]): void {
  execFileSync(DEBIAN_PYTHON, ['-m', 'coverage', ...args], { cwd: repo, stdio: 'pipe', env: { ...process.env, COVERAGE_FILE: dataFile, PYTHONDONTWRITEBYTECODE: '1' } });
}

beforeAll(() => {
  repo = tempDir('formats');
  dataFile = path.join(tempDir('data'), '.coverage');
  fs.cpSync(path.join(projectsDir, 'coverage-gaps'), repo, { recursive: true });
  coverage('run', '--source=src/shop', '-m', 'pytest', '-q', '-p', 'no:cacheprovider');
  const out = tempDir('reports');
  coverage('json', '--show-contexts', '-o', path.join(out, 'c.json'));
  coverage('xml', '-o', path.join(out, 'c.xml'));
  coverage('lcov', '-o', path.join(out, 'c.lcov'));
  reports['coverage-json'] = fs.readFileSync(path.join(out, 'c.json'), 'utf8');
  reports.cobertura = fs.readFileSync(path.join(out, 'c.xml'), 'utf8');
  reports.lcov = fs.readFileSync(path.join(out, 'c.lcov'), 'utf8');
}, 60_000);

afterAll(removeTemps);

const parsed = (format: CoverageFormat): CoverageData => {
  const r = parseCoverageReport(reports[format], format, { repoDir: repo });
  if (!r.ok) throw new Error(r.error);
  return r.data;
};

describe('reports written by coverage.py 6.5 on the fixture', () => {
  it('the JSON report (no meta.format) gives the exact statements, missing lines and percent', () => {
    const data = parsed('coverage-json');
    expect(JSON.parse(reports['coverage-json']).meta.format).toBeUndefined();
    expect(data.hasContexts).toBe(true);
    expect(data.files['src/shop/cart.py']).toMatchObject({ statements: 16, missing: [15, 16, 17, 20, 21, 22, 23], percent: 56.25 });
    expect(data.files['src/shop/reports.py']).toMatchObject({ statements: 5, executed: [], percent: 0 });
  });

  it.each(['cobertura', 'lcov'] as const)('%s agrees with the JSON report on every file (paths repo-relative)', (format) => {
    const json = parsed('coverage-json');
    const other = parsed(format);
    // Cobertura's <source> is the absolute temp dir: resolved back to repo-relative paths.
    expect(Object.keys(other.files).sort()).toEqual(Object.keys(json.files).sort());
    for (const [file, cov] of Object.entries(json.files)) {
      expect({ file, statements: other.files[file]!.statements, missing: other.files[file]!.missing, percent: other.files[file]!.percent })
        .toEqual({ file, statements: cov.statements, missing: cov.missing, percent: cov.percent });
    }
  });

  it('an LCOV report with absolute SF: paths of this repo reads the same', () => {
    const absolute = reports.lcov.replace(/^SF:/gm, `SF:${repo}/`);
    const r = parseCoverageReport(absolute, 'lcov', { repoDir: repo });
    expect(r.ok && Object.keys(r.data.files).sort()).toEqual(Object.keys(parsed('lcov').files).sort());
  });
});
