import type { Conclusion, Finding, TestCounts } from '../core/index.js';
import type { ToolOutcome } from '../reports/index.js';

/** Tests that actually executed: skipped and xfailed ones prove nothing about the code. */
function executed(c: TestCounts): number {
  return c.passed + c.failed + c.errors + c.xpassed;
}

/**
 * Green only when every tool ran, was trustworthy, showed counts with at least one test that
 * actually executed, and nothing was found. A crash, a missing report, an all-skipped run, or
 * counts that show failures no finding explains are `error`, never green. Audits (skip audit,
 * flaky reruns) bring no counts; they need a test-running tool beside them to be green.
 */
export function conclude(tools: readonly ToolOutcome[], findings: readonly Finding[]): Conclusion {
  if (tools.length === 0) return 'error';
  if (tools.some((t) => !t.trustworthy)) return 'error';
  if (findings.some((f) => f.kind === 'tool_error')) return 'error';
  if (findings.length > 0) return 'red';
  const suites = tools.filter((t) => !t.audit || t.counts !== undefined);
  if (suites.length === 0) return 'error';
  if (suites.some((t) => t.counts === undefined || executed(t.counts) === 0)) return 'error';
  if (suites.some((t) => (t.counts?.failed ?? 0) + (t.counts?.errors ?? 0) > 0)) return 'error';
  return 'green';
}
