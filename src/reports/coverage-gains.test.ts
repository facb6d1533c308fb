// "Coverage gain per task" from attempts' validation results, in the remediation report's roll-up,
// summary.md and qa-report.json.
import { describe, expect, it } from 'vitest';
import { Attempt, Task } from '../core/index.js';
import { rollUpCoverageGains } from './coverage-gains.js';
import { coverageGainLines } from './remediation-md.js';
import { buildQaReport } from './qa-report.js';

const task = Task.parse({
  id: 't-add', runId: 'r1', type: 'add_test', tool: 'coverage', title: 'Add tests for src/shop/pricing.py (40% → 80%)', findings: ['f'.repeat(40)],
  targets: { files: ['src/shop/pricing.py'], nodeIds: [] }, allowedPaths: ['tests/**'], validation: { commands: [], expect: 'exit-zero' },
  retryPolicy: { maxAttempts: 2 }, priority: 500, dependsOn: [], status: 'succeeded',
});

function attempt(n: number, outcome: Attempt['outcome'], after: number): Attempt {
  return Attempt.parse({
    id: `a${n}`, taskId: task.id, n, agent: 'command', startedAt: '2026-12-07T00:00:00Z', diffStat: { files: 1, insertions: 9, deletions: 0 }, guards: [], cost: {}, outcome,
    validation: {
      ok: outcome === 'accepted', exitCode: outcome === 'accepted' ? 0 : 1, summary: { total: 5, passed: 5, failed: 0, errors: 0, skipped: 0 },
      runs: [1, 2, 3, 4, 5].map((run) => ({ run, ok: true, exitCode: 0 })),
      details: {
        coverage: { module: 'src/shop/pricing.py', before: { covered: 4, statements: 10, percent: 40 }, after: { covered: after, statements: 10, percent: after * 10 } },
        newTests: ['tests.test_new::test_a'], excluded: [{ nodeId: 'tests/test_flaky.py::test_f', reason: 'flaky' }],
      },
      delta: { fixed: [], broken: [] }, artifacts: [],
    },
  });
}

describe('coverage gain per task', () => {
  const attempts = [attempt(1, 'rejected', 4), attempt(2, 'accepted', 9)];
  const gains = rollUpCoverageGains([task], attempts);

  it('takes the accepted attempt\'s measurement, with the gain in lines and points', () => {
    expect(gains).toEqual([{
      task: 't-add', title: task.title, accepted: true, attempt: 2, module: 'src/shop/pricing.py',
      before: { covered: 4, statements: 10, percent: 40 }, after: { covered: 9, statements: 10, percent: 90 }, gain: { covered: 5, percent: 50 },
      newTests: ['tests.test_new::test_a'], runs: { passed: 5, total: 5 }, excluded: ['tests/test_flaky.py::test_f'],
    }]);
    // A task whose only measurement was rejected still shows it, marked not kept.
    expect(rollUpCoverageGains([task], attempts.slice(0, 1))[0]).toMatchObject({ accepted: false, gain: { covered: 0, percent: 0 } });
    expect(rollUpCoverageGains([task], [])).toEqual([]);
  });

  it('is a summary.md table and a qa-report entry per task', () => {
    const md = coverageGainLines(gains).join('\n');
    expect(md).toContain('### Coverage gain per task');
    expect(md).toContain('| src/shop/pricing.py | 40.00% (4/10) | 90.00% (9/10) | +50 pts, +5 lines | tests.test\\_new::test\\_a | 5/5 | yes |');
    expect(md).toContain('already known to be flaky: tests/test\\_flaky.py::test\\_f');
    const qa = buildQaReport({ run: { id: 'r1', repo: '.', lane: 'weekly', command: 'run', status: 'finished', startedAt: 'x', findingCount: 0 }, findings: [], tests: [], tasks: [task], tools: [], remediation: { coverageGains: gains } });
    expect(qa.tasks[0]!.coverage_gain).toMatchObject({ module: 'src/shop/pricing.py', accepted: true, gain: { covered: 5, percent: 50 }, runs_passed: 5, runs: 5 });
  });
});
