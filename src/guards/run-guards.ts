import { describeError, type GuardVerdict } from '../core/index.js';
import type { Guard, GuardInput } from './contract.js';

/**
 * Runs every guard, never stopping at the first failure, so the report (and the agent's next
 * instructions) are complete. A guard that throws fails, with the error as evidence: a broken
 * check is never a pass. The verdict is always filed under the guard's own id.
 */
export function runGuards(guards: readonly Guard[], input: GuardInput): GuardVerdict[] {
  return guards.map((guard) => {
    try {
      const verdict = guard.check(input);
      return { ...verdict, guard: guard.id, passed: verdict.passed === true };
    } catch (err) {
      return { guard: guard.id, passed: false, evidence: `the guard could not run: ${describeError(err)}` };
    }
  });
}
