import type { Conclusion, Finding } from '../core/index.js';
import type { ToolOutcome } from '../reports/index.js';

/**
 * Green only when every tool ran, was trustworthy, ran at least one test or check,
 * and nothing was found. A crash or a missing report is `error`, never green.
 */
export function conclude(tools: readonly ToolOutcome[], findings: readonly Finding[]): Conclusion {
  if (tools.length === 0) return 'error';
  if (tools.some((t) => !t.trustworthy)) return 'error';
  if (findings.some((f) => f.kind === 'tool_error')) return 'error';
  if (findings.length > 0) return 'red';
  if (tools.every((t) => t.counts !== undefined && t.counts.total === 0)) return 'error';
  return 'green';
}
