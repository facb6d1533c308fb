import { describe, expect, it } from 'vitest';
import { AtqosError } from '../../src/core/index.js';
import { matchGlob } from '../../src/guards/glob.js';
import { parseOptions, targetFor } from './schema.js';

describe('plugins.coverage options', () => {
  it('defaults to coverage run with python3, contexts on, an 80% target and 90 days of churn', () => {
    expect(parseOptions(undefined)).toEqual({
      python: 'python3', runner: 'coverage-run', branch: false, source: [], args: [], testPaths: [], targets: [],
      defaultTarget: 80, critical: [], churnDays: 90, contexts: true, timeoutSec: 1800,
    });
  });

  it('names an unknown key with its full path', () => {
    expect(() => parseOptions({ treshold: 90 })).toThrow(/plugins\.coverage\.treshold/);
    expect(() => parseOptions({ report: { path: 'c.xml', format: 'cobertura', kind: 'x' } })).toThrow(/plugins\.coverage\.report\.kind/);
  });

  it('says what a bad value must be', () => {
    const error = (raw: unknown) => {
      try { parseOptions(raw); } catch (err) { return err instanceof AtqosError ? err.message : String(err); }
      return 'no error';
    };
    expect(error({ runner: 'nose' })).toBe('plugins.coverage.runner must be "coverage-run" or "pytest-cov"');
    expect(error({ targets: [{ glob: 'src/**', min: 120 }] })).toBe('plugins.coverage.targets.0.min must be a list of { glob, min } with min a percent (0–100)');
    expect(error({ report: { path: 'c.txt', format: 'html' } })).toBe('plugins.coverage.report.format must be a mapping { path, format: coverage-json | cobertura | lcov }');
  });

  it('takes the first matching target, else the default', () => {
    const options = parseOptions({ targets: [{ glob: 'src/shop/payments.py', min: 95 }, { glob: 'src/**', min: 70 }], defaultTarget: 60 });
    expect(targetFor('src/shop/payments.py', options, matchGlob)).toBe(95);
    expect(targetFor('src/shop/cart.py', options, matchGlob)).toBe(70);
    expect(targetFor('lib/x.py', options, matchGlob)).toBe(60);
  });
});
