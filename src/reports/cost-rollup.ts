import type { Cost } from '../core/index.js';

/** Spend summed over attempts; a field stays absent until some attempt reported it. */
export interface CostTotals {
  usd?: number;
  inputTokens?: number;
  outputTokens?: number;
  turns?: number;
}

/** The run's agent spend: totals plus the same totals per agent id. */
export interface CostRollup extends CostTotals {
  byAgent: Record<string, CostTotals>;
}

const FIELDS = ['usd', 'inputTokens', 'outputTokens', 'turns'] as const;

/**
 * Sums what agents reported over `attempts`. A field no attempt reported stays absent rather than
 * 0, so "cursor-agent reports no cost" never reads as "it was free".
 */
export function rollUpCost(attempts: readonly { agent: string; cost?: Cost | undefined }[]): CostRollup {
  const total: CostTotals = {};
  const byAgent: Record<string, CostTotals> = {};
  for (const a of attempts) {
    const agent = (byAgent[a.agent] ??= {});
    addCost(total, a.cost);
    addCost(agent, a.cost);
  }
  return { ...total, byAgent };
}

function addCost(into: CostTotals, cost: Cost | undefined): void {
  for (const field of FIELDS) {
    const value = cost?.[field];
    if (value === undefined) continue;
    // Rounded so float sums of cents do not print as 0.30000000000000004.
    into[field] = field === 'usd' ? Math.round(((into.usd ?? 0) + value) * 1e6) / 1e6 : (into[field] ?? 0) + value;
  }
}

/** Milliseconds between two ISO timestamps; undefined when the attempt never finished. */
export function durationBetween(startedAt: string, finishedAt: string | undefined): number | undefined {
  if (!finishedAt) return undefined;
  const ms = Date.parse(finishedAt) - Date.parse(startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** `$0.0421`, or `-` when the agent reported no cost. */
export function formatUsd(usd: number | undefined): string {
  return usd === undefined ? '-' : `$${usd.toFixed(4)}`;
}

/** `4.3 s`, or `-` when unknown. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '-';
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
