import type { Conclusion, Finding } from '../core/index.js';
import type { ToolOutcome } from '../reports/index.js';

/**
 * Green only when every tool ran, was trustworthy, showed counts with at least one test or
 * check run, and nothing was found. A crash, a missing report or an empty run is `error`.
 */
export function conclude(tools: readonly ToolOutcome[], findings: readonly Finding[]): Conclusion {
  if (tools.length === 0) return 'error';
  if (tools.some((t) => !t.trustworthy)) return 'error';
  if (findings.some((f) => f.kind === 'tool_error')) return 'error';
  if (findings.length > 0) return 'red';
  if (tools.some((t) => t.counts === undefined || t.counts.total === 0)) return 'error';
  return 'green';
}
