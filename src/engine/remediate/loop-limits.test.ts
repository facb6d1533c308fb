import { describe, expect, it } from 'vitest';
import type { Attempt } from '../../core/index.js';
import type { CheckpointResult } from './checkpoint.js';
import { stopAfterCheckpoint } from './stop-rules.js';
import { budgetExhausted, remainingUsd } from './budgets.js';
import { Semaphore } from './schedule.js';

const fp = (c: string) => c.repeat(40);

function cp(failingBefore: number, fixed: string[], introduced: string[] = []): CheckpointResult {
  return {
    integrationBranch: 'atqos/integration/r', applied: [], conflicted: [], trustworthy: true,
    failingBefore, failingAfter: failingBefore - fixed.length + introduced.length, fixed, introduced,
  };
}

describe('stopAfterCheckpoint', () => {
  it('goes on while every checkpoint fixes more and breaks nothing', () => {
    expect(stopAfterCheckpoint([])).toBeUndefined();
    expect(stopAfterCheckpoint([cp(3, [fp('a')])])).toBeUndefined();
    expect(stopAfterCheckpoint([cp(3, [fp('a')]), cp(3, [fp('a'), fp('b')])])).toBeUndefined();
  });

  it('stops when the failing count did not go down since the previous checkpoint', () => {
    expect(stopAfterCheckpoint([cp(2, [])])).toBe('no net reduction of failing findings at checkpoint 1 (2 → 2)');
    expect(stopAfterCheckpoint([cp(3, [fp('a')]), cp(3, [fp('a')])])).toBe('no net reduction of failing findings at checkpoint 2 (2 → 2)');
  });

  it('goes on while nothing fails at all: later waves (add_test after quarantines) have nothing to reduce', () => {
    expect(stopAfterCheckpoint([cp(0, [])])).toBeUndefined();
    expect(stopAfterCheckpoint([cp(1, [fp('a')]), cp(1, [fp('a')])])).toBeUndefined();
    expect(stopAfterCheckpoint([cp(0, [], [fp('b')])])).toBe('no net reduction of failing findings at checkpoint 1 (0 → 1)');
  });

  it('stops at an untrustworthy checkpoint with nothing failing: its 0 is not a fact', () => {
    const untrusted = { ...cp(0, []), trustworthy: false };
    expect(stopAfterCheckpoint([untrusted])).toBe('checkpoint 1 is not trustworthy (a tool did not run cleanly), so its 0 failing findings prove nothing');
    expect(stopAfterCheckpoint([cp(1, [fp('a')]), { ...cp(1, [fp('a')]), trustworthy: false }])).toMatch(/^checkpoint 2 is not trustworthy/);
  });

  it('stops when a fingerprint fixed at an earlier checkpoint fails again, naming it', () => {
    const reason = stopAfterCheckpoint([cp(3, [fp('a')]), cp(3, [fp('b'), fp('c')])]);
    expect(reason).toBe(`fixed finding(s) came back at checkpoint 2: ${'a'.repeat(12)}`);
  });

  it('stops when new failures appear even if the count went down', () => {
    expect(stopAfterCheckpoint([cp(4, [fp('a'), fp('b'), fp('c')], [fp('d')])])).toBe('1 new failing finding(s) appeared at checkpoint 1');
  });
});

function attempt(outcome: Attempt['outcome'], lines: number, usd?: number, taskId = 't'): Attempt {
  return {
    id: 'a', taskId, n: 1, agent: 'x', startedAt: '2026-01-01T00:00:00Z', guards: [], outcome,
    diffStat: { files: 1, insertions: lines, deletions: 0 }, cost: usd === undefined ? {} : { usd },
  };
}

describe('budgetExhausted', () => {
  const cfg = { maxChurnLines: 100, maxCostUsd: 1 };

  it('counts only accepted fixes toward churn', () => {
    expect(budgetExhausted(cfg, [attempt('rejected', 500), attempt('accepted', 60)])).toBeUndefined();
    expect(budgetExhausted(cfg, [attempt('accepted', 60), attempt('accepted', 40)])).toBe('churn cap: accepted fixes changed 100 lines (remediation.maxChurnLines is 100)');
  });

  it('counts every attempt toward cost, and has no cost cap unless configured', () => {
    expect(budgetExhausted(cfg, [attempt('rejected', 1, 0.6), attempt('failed', 1, 0.5)])).toBe('cost budget: agents reported $1.10 (remediation.maxCostUsd is $1)');
    expect(budgetExhausted({ maxChurnLines: 100 }, [attempt('failed', 1, 50)])).toBeUndefined();
  });
});

describe('remainingUsd', () => {
  it('is the lower of what is left of the task budget and of the run budget, never negative', () => {
    const spent = [attempt('failed', 1, 0.4, 't1'), attempt('failed', 1, 0.3, 't2')];
    expect(remainingUsd({}, spent, 't1')).toBeUndefined();
    expect(remainingUsd({ maxCostUsd: 1 }, spent, 't1')).toBeCloseTo(0.3);
    expect(remainingUsd({ maxCostUsdPerTask: 0.5 }, spent, 't1')).toBeCloseTo(0.1);
    expect(remainingUsd({ maxCostUsd: 1, maxCostUsdPerTask: 0.5 }, spent, 't2')).toBeCloseTo(0.2);
    expect(remainingUsd({ maxCostUsdPerTask: 0.2 }, spent, 't1')).toBe(0);
  });
});

describe('Semaphore', () => {
  it('never lets more than the limit run at once, and serves waiters in order', async () => {
    const slots = new Semaphore(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const job = (i: number) => slots.run(async () => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5));
      order.push(i);
      active -= 1;
      return i;
    });
    expect(await Promise.all([0, 1, 2, 3, 4, 5].map(job))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(order.slice(2).sort()).toEqual([2, 3, 4, 5]);
  });

  it('frees the slot when the work throws', async () => {
    const slots = new Semaphore(1);
    await expect(slots.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await slots.run(async () => 'next')).toBe('next');
  });
});
