import type { GuardVerdict } from '../core/index.js';
import type { Guard, GuardInput } from './contract.js';
import { targetFunctions } from './deletion-only.js';
import { capList } from './evidence.js';

const ID = 'inventory-not-shrunk';

/**
 * Every test collected before the attempt is still collected after it. Without a "before" list
 * there is nothing to compare (the plugin cannot list tests) and the guard says so, except for a
 * `delete_test` task, which fails: its deletion would go unchecked; a "before" without an
 * "after" means the tests could no longer be listed, which fails. A `delete_test` task
 * may make exactly its target tests (every parametrized case of a target function) disappear.
 */
export const inventoryNotShrunkGuard: Guard = {
  id: ID,
  description: 'the collected test inventory does not shrink',
  check(input: GuardInput): GuardVerdict {
    const { inventoryBefore: before, inventoryAfter: after } = input;
    if (before === undefined) {
      // A deletion is proven by the inventory alone: without one, nothing shows only the targets went.
      if (input.task.type === 'delete_test') {
        return { guard: ID, passed: false, evidence: 'no test inventory was listed at the base, so nothing shows that only the target tests were deleted; make the test suite collect at the base (see the inventory output under inventory-base/ in the run dir), then run again' };
      }
      return { guard: ID, passed: true, evidence: 'not checked: no inventory was listed before the attempt' };
    }
    if (after === undefined) {
      return { guard: ID, passed: false, evidence: `the tests could not be listed after the attempt (${before.length} were before); collection may be broken` };
    }
    const present = new Set(after);
    const planned = plannedDeletion(input);
    const gone = [...new Set(before)].filter((id) => !present.has(id));
    const missing = gone.filter((id) => !planned(id));
    const deleted = gone.length - missing.length;
    if (missing.length === 0) return { guard: ID, passed: true, ...(deleted ? { evidence: `${deleted} target test(s) deleted as the delete_test task planned:\n${capList(gone)}` } : {}) };
    return {
      guard: ID,
      passed: false,
      evidence: `${missing.length} of ${before.length} collected tests are no longer collected:\n${capList(missing)}`,
    };
  },
};

/** Whether a test id is one a delete_test task set out to delete; never true for other task types. */
function plannedDeletion(input: GuardInput): (id: string) => boolean {
  if (input.task.type !== 'delete_test') return () => false;
  const targets = targetFunctions(input.task.targets.nodeIds);
  return (id) => {
    const sep = id.indexOf('::');
    return sep > 0 && (targets.get(id.slice(0, sep))?.has(id.slice(sep + 2).split('[')[0]!) ?? false);
  };
}
