import { fingerprint, messageSignature } from '../../src/core/index.js';
import type { Finding } from '../../src/core/index.js';
import type { NormalizeInput } from '../../src/plugin/contract.js';
import type { SkipInventory } from './inventory.js';
import type { TestVerdict } from './verdicts.js';

/** A helper run that produced nothing usable: a tool_error saying what to check. */
export function runProblem(input: NormalizeInput, step: string, problem: string): Finding {
  const exec = step === 'inventory' ? input.collect.exec : input.collect.execs?.[step];
  const how = exec?.failedToStart
    ? `could not start \`${exec.argv[0]}\` (${exec.error ?? 'not found'}): set \`plugins.skip-audit.python\` in .github/atqos.yml to an interpreter that exists`
    : exec?.timedOut
      ? 'timed out: raise `plugins.skip-audit.timeoutSec`'
      : `exited ${exec?.exitCode ?? 'without a status'}; see raw/skip-audit/${step}.stderr`;
  const message = `skip audit ${step}: ${problem}; ${how}`;
  return {
    tool: 'skip-audit', kind: 'tool_error', severity: 'blocker', category: 'tool', scope: {},
    fingerprint: fingerprint(['skip-audit', 'tool_error', step, messageSignature(problem, [input.repoDir, input.runDir])]),
    title: `skip-audit: ${step} failed`,
    message,
    evidence: { sourceFiles: [] },
    artifacts: exec ? [{ path: `raw/skip-audit/${step}.stderr` }] : [],
  };
}

/** `reports/skip-audit.json`: every skip and what the audit concluded about each skipped test. */
export function summaryReport(inv: SkipInventory, verdicts: readonly TestVerdict[]) {
  return {
    python: inv.python,
    skips: inv.skips,
    notParsed: inv.errors,
    tests: verdicts.map((v) => ({ id: v.id, status: v.status, rounds: v.rounds, ...(v.why ? { why: v.why } : {}) })),
  };
}
