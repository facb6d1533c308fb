import type { GuardVerdict } from '../core/index.js';
import type { Guard, GuardInput } from './contract.js';
import { capList } from './evidence.js';

const ID = 'inventory-not-shrunk';

/**
 * Every test collected before the attempt is still collected after it. Without a "before" list
 * there is nothing to compare (the plugin cannot list tests) and the guard says so; a "before"
 * without an "after" means the tests could no longer be listed, which fails.
 */
export const inventoryNotShrunkGuard: Guard = {
  id: ID,
  description: 'the collected test inventory does not shrink',
  check(input: GuardInput): GuardVerdict {
    const { inventoryBefore: before, inventoryAfter: after } = input;
    if (before === undefined) return { guard: ID, passed: true, evidence: 'not checked: no inventory was listed before the attempt' };
    if (after === undefined) {
      return { guard: ID, passed: false, evidence: `the tests could not be listed after the attempt (${before.length} were before); collection may be broken` };
    }
    const present = new Set(after);
    const missing = [...new Set(before)].filter((id) => !present.has(id));
    if (missing.length === 0) return { guard: ID, passed: true };
    return {
      guard: ID,
      passed: false,
      evidence: `${missing.length} of ${before.length} collected tests are no longer collected:\n${capList(missing)}`,
    };
  },
};
