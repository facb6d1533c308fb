import type { Attempt } from '../../core/index.js';
import type { RemediationConfig } from '../../config/index.js';

/**
 * Why no further attempt may start, from what the run's attempts have used so far: the churn
 * of accepted fixes (a run that rewrites half the repo is no longer a bounded fix) and what the
 * agents report having spent. Undefined while both are within their caps.
 */
export function budgetExhausted(cfg: Pick<RemediationConfig, 'maxChurnLines' | 'maxCostUsd'>, attempts: readonly Attempt[]): string | undefined {
  const churn = attempts.filter((a) => a.outcome === 'accepted').reduce((s, a) => s + a.diffStat.insertions + a.diffStat.deletions, 0);
  if (churn >= cfg.maxChurnLines) return `churn cap: accepted fixes changed ${churn} lines (remediation.maxChurnLines is ${cfg.maxChurnLines})`;
  const usd = attempts.reduce((s, a) => s + (a.cost.usd ?? 0), 0);
  if (cfg.maxCostUsd !== undefined && usd >= cfg.maxCostUsd) return `cost budget: agents reported $${usd.toFixed(2)} (remediation.maxCostUsd is $${cfg.maxCostUsd})`;
  return undefined;
}

/** What an attempt at `taskId` may still spend: the lower of the task's and the run's remaining budgets. */
export function remainingUsd(cfg: Pick<RemediationConfig, 'maxCostUsd' | 'maxCostUsdPerTask'>, attempts: readonly Attempt[], taskId: string): number | undefined {
  const spent = (list: readonly Attempt[]) => list.reduce((s, a) => s + (a.cost.usd ?? 0), 0);
  const left = [
    cfg.maxCostUsd === undefined ? undefined : cfg.maxCostUsd - spent(attempts),
    cfg.maxCostUsdPerTask === undefined ? undefined : cfg.maxCostUsdPerTask - spent(attempts.filter((a) => a.taskId === taskId)),
  ].filter((x): x is number => x !== undefined);
  return left.length ? Math.max(0, Math.min(...left)) : undefined;
}
