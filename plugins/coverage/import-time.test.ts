import { afterAll, describe, expect, it } from 'vitest';
import { importedBeforeCoverage } from './import-time.js';
import { normalize } from './normalize.js';
import { plan } from './plan.js';
import { collectIn, DEBIAN_PYTHON, gitProject, removeTemps } from './test-support.js';

afterAll(removeTemps);

describe('importedBeforeCoverage', () => {
  const file = (executed: number[], missing: number[]) => ({ statements: executed.length + missing.length, executed, missing, percent: 0 });
  it('is true when the first statement is missed while later lines ran', () => {
    expect(importedBeforeCoverage(file([7, 11, 12, 13], [3, 6, 10]))).toBe(true);
  });
  it('is false for an ordinary gap, an unimported module and a fully covered one', () => {
    expect(importedBeforeCoverage(file([1, 4, 5, 6], [15, 16]))).toBe(false);
    expect(importedBeforeCoverage(file([], [4, 5, 6]))).toBe(false);
    expect(importedBeforeCoverage(file([3, 6, 7], []))).toBe(false);
  });
});

// pytest imports `-p` plugins before pytest-cov starts measuring: shop.pricing is imported early.
describe('a module imported before coverage started (real pytest-cov run)', () => {
  const options = { python: DEBIAN_PYTHON, args: ['-p', 'shop.pricing'] };
  const env = { PYTHONPATH: 'src' };

  it('is flagged with what to do, and gets no add_test task', async () => {
    const repo = gitProject('coverage-gaps');
    const run = await collectIn(repo, { ...options, runner: 'pytest-cov' }, env);
    const out = normalize(run.input);
    const pricing = out.findings.find((f) => f.scope.file === 'src/shop/pricing.py');
    expect(pricing?.evidence.details).toMatchObject({ importedBeforeCoverage: true, missingLines: ['3', '6', '10'] });
    expect(pricing?.message).toMatch(/imported before coverage started.*coverage-run/);
    expect(out.notes.some((n) => n.startsWith('src/shop/pricing.py looks imported before coverage started'))).toBe(true);
    const tasks = plan({ findings: out.findings, options: run.input.options, isTestFile: () => false });
    expect(tasks.filter((t) => t.type === 'add_test').map((t) => t.targets.files[0]).sort()).toEqual(['src/shop/cart.py', 'src/shop/payments.py', 'src/shop/reports.py']);
  }, 60_000);

  it('is measured in full under coverage run, which starts before pytest imports anything', async () => {
    const repo = gitProject('coverage-gaps');
    const out = normalize((await collectIn(repo, { ...options, runner: 'coverage-run' }, env)).input);
    expect(out.findings.some((f) => f.scope.file === 'src/shop/pricing.py')).toBe(false);
    expect(out.notes.some((n) => n.includes('imported before coverage started'))).toBe(false);
  }, 60_000);
});
