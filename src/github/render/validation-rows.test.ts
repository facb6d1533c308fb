// The fix PR's validation rows: runs passed per repeat, and an add_test's measured coverage gain,
// rendered through the real publish-plan builder from an accepted attempt's validation result.
import { describe, expect, it } from 'vitest';
import { buildPublishPlan } from '../build-plan.js';
import { acceptedFor, attemptFor, demoInput } from '../test-support.js';
import { parseMeta } from './markers.js';
import type { ValidationResult } from '../../core/index.js';

const measured: ValidationResult = {
  ok: true, exitCode: 0, summary: { total: 5, passed: 5, failed: 0, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, durationMs: 0 },
  runs: [1, 2, 3, 4, 5].map((run) => ({ run, ok: true, exitCode: 0, tests: 2, passed: 2, failed: [] })),
  details: {
    verdict: 'kept',
    coverage: { module: 'src/shop/pricing.py', before: { covered: 4, statements: 10, percent: 40 }, after: { covered: 9, statements: 10, percent: 90 } },
    newTests: ['tests.test_pricing_new::test_discount', 'tests.test_pricing_new::test_round'],
    excluded: [{ nodeId: 'tests/test_flaky.py::test_shout', reason: 'already known to be flaky in this run' }],
  },
  delta: { fixed: [], broken: [] }, artifacts: [],
};

function planWith(result: ValidationResult) {
  const input = demoInput();
  const task = { ...input.tasks[0]!, type: 'add_test' as const };
  const fix = acceptedFor(task);
  const attempts = input.attempts.map((a) => (a.taskId === task.id && a.outcome === 'accepted' ? { ...attemptFor(task, a.n, 'accepted'), validation: result } : a));
  return buildPublishPlan({ ...input, tasks: [task, ...input.tasks.slice(1)], attempts, accepted: [{ ...fix, validation: { ...fix.validation, result } }] });
}

describe('the PR body shows what the validation measured', () => {
  it('an add_test PR shows the runs that passed and the coverage before → after in percent and lines', () => {
    const { body } = planWith(measured).pullRequests[0]!;
    expect(body).toContain('| Validation | passed: 5 of 5 run(s) passed in a row |');
    expect(body).toContain('| Coverage gain | `src/shop/pricing.py`: 40.00% → 90.00% (+50 pts); 4 → 9 of 10 lines (+5) |');
    expect(body).toContain('| New tests | `tests.test_pricing_new::test_discount`, `tests.test_pricing_new::test_round` |');
    expect(body).toContain('`tests/test_flaky.py::test_shout`');
    expect(parseMeta(body)?.validation).toMatchObject({
      runs: { passed: 5, total: 5 },
      coverage: { module: 'src/shop/pricing.py', gain: { covered: 5, percent: 50 }, excluded: ['tests/test_flaky.py::test_shout'] },
    });
  });

  it('a validation without coverage data has no coverage rows', () => {
    const { body } = planWith({ ...measured, details: { verdict: 'ok' }, runs: [{ run: 1, ok: true, exitCode: 0 }, { run: 2, ok: true, exitCode: 0 }] }).pullRequests[0]!;
    expect(body).toContain('| Validation | passed: 2 of 2 run(s) passed in a row |');
    expect(body).not.toContain('Coverage gain');
    expect(parseMeta(body)?.validation.coverage).toBeUndefined();
  });
});
