import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplesDir } from '../test-support.js';
import { parseCoverageReport } from './index.js';
import type { CoverageFormat } from './index.js';

const ROOT = '/home/runner/work/shop/shop';
const sample = (name: string) => fs.readFileSync(path.join(samplesDir, name), 'utf8');
const parse = (name: string, format: CoverageFormat, repoDir = ROOT) => parseCoverageReport(sample(name), format, { repoDir });
const ok = (r: ReturnType<typeof parse>) => {
  if (!r.ok) throw new Error(r.error);
  return r.data;
};

// Real coverage.py 6.5 reports of fixtures/projects/coverage-gaps (branch on), committed.
describe('checked-in coverage.py 6.5 reports', () => {
  const expected = {
    'src/shop/cart.py': { statements: 16, missing: [15, 16, 17, 20, 21, 22, 23], percent: 56.25 },
    'src/shop/payments.py': { statements: 12, missing: [6, 13, 14, 15, 16, 17], percent: 50 },
    'src/shop/pricing.py': { statements: 7, missing: [], percent: 100 },
    'src/shop/reports.py': { statements: 5, missing: [4, 5, 6, 9, 10], percent: 0 },
  };

  it.each([
    ['coverage-6.5-branch.json', 'coverage-json'],
    ['cobertura-6.5.xml', 'cobertura'],
    ['coverage-6.5.lcov', 'lcov'],
    ['absolute-paths.lcov', 'lcov'],
  ] as const)('%s reads the same lines and line percent as the others', (name, format) => {
    const data = ok(parse(name, format));
    for (const [file, want] of Object.entries(expected)) {
      const got = data.files[file]!;
      expect({ statements: got.statements, missing: got.missing, percent: got.percent }).toEqual(want);
    }
    expect(data.files['src/shop/__init__.py']).toMatchObject({ statements: 0, missing: [], percent: 100 });
    expect(data.outside).toEqual([]);
  });

  it('keeps branch totals apart from the line percent (coverage.py folds them into percent_covered)', () => {
    const data = ok(parse('coverage-6.5-branch.json', 'coverage-json'));
    expect(data.files['src/shop/cart.py']!.branches).toEqual({ total: 6, covered: 2 });
    expect(data.producer).toBe('coverage.py 6.5.0');
    expect(ok(parse('cobertura-6.5.xml', 'cobertura')).files['src/shop/cart.py']!.branches).toEqual({ total: 6, covered: 2 });
  });

  it('resolves Cobertura files under the <source> root inside the repo, whatever the repo dir is', () => {
    const elsewhere = ok(parse('cobertura-6.5.xml', 'cobertura', '/srv/checkout'));
    // The recorded root is another machine's: the file names are then taken as repo-relative.
    expect(Object.keys(elsewhere.files)).toContain('src/shop/cart.py');
  });
});

describe('coverage.py 7 format 3', () => {
  it('reads meta.format 3, keeps excluded lines, skips a bad record and files outside the repo with a reason', () => {
    const data = ok(parse('coverage-7-format3.json', 'coverage-json'));
    expect(Object.keys(data.files)).toEqual(['src/shop/cart.py']);
    expect(data.files['src/shop/cart.py']).toEqual({ statements: 16, executed: [1, 4, 5, 6, 8, 9, 11, 12, 14, 19], missing: [15, 16, 17, 20, 21, 22, 23], excluded: [25], percent: 56.25 });
    expect(data.outside).toEqual(['/opt/venv/lib/python3.12/site-packages/vendored.py']);
    expect(data.notes).toEqual(['src/shop/broken.py: skipped, its record lacks executed_lines, missing_lines or summary counts']);
  });

  it('notes a format newer than it knows instead of refusing it', () => {
    const text = sample('coverage-7-format3.json').replace('"format": 3', '"format": 9');
    const r = parseCoverageReport(text, 'coverage-json', { repoDir: ROOT });
    expect(r.ok && r.data.notes[0]).toMatch(/format 9 is newer than the 3 atqos knows/);
  });
});

describe('Cobertura from other producers', () => {
  it('accepts the Cobertura DTD reference, merges classes of one file, skips outside roots and files', () => {
    const data = ok(parse('java-style.cobertura.xml', 'cobertura'));
    expect(data.files['src/shop/cart.py']).toEqual({ statements: 5, executed: [4, 5, 9], missing: [6, 10], percent: 60, branches: { total: 2, covered: 1 } });
    expect(data.files['src/shop/empty.py']).toEqual({ statements: 0, executed: [], missing: [], percent: 100 });
    expect(data.outside).toEqual(['/usr/lib/python3/dist-packages/lib.py']);
  });
});

describe('malformed reports get a clear error, never a throw', () => {
  it.each([
    ['truncated.json', 'coverage-json', /not valid JSON .*truncated/],
    ['truncated.xml', 'cobertura', /XML is truncated: the file ends inside/],
    ['truncated.lcov', 'lcov', /LCOV report is truncated: the record for src\/shop\/reports.py has no end_of_record/],
    ['entity-expansion.xml', 'cobertura', /DOCTYPE not allowed.*entity expansion/],
    ['coverage-6.5.lcov', 'cobertura', /not well-formed XML|not XML/],
    ['cobertura-6.5.xml', 'coverage-json', /not valid JSON/],
    ['cobertura-6.5.xml', 'lcov', /not an LCOV report/],
  ] as const)('%s read as %s', (name, format, error) => {
    const r = parse(name, format);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(error);
  });

  it.each([
    ['', 'coverage-json', /not valid JSON/],
    ['{"meta": {}}', 'coverage-json', /no "files" mapping/],
    ['', 'cobertura', /empty/],
    ['<!DOCTYPE html><html></html>', 'cobertura', /HTML page/],
    ['<report/>', 'cobertura', /root element is <report>/],
    ['', 'lcov', /empty/],
    ['TN:\n', 'lcov', /no SF: record/],
    ['SQLite format 3\u0000', 'coverage-json', /binary.*not the .coverage data file/],
  ] as const)('%j as %s', (text, format, error) => {
    const r = parseCoverageReport(text, format, { repoDir: ROOT });
    expect(!r.ok && r.error).toMatch(error);
  });
});
