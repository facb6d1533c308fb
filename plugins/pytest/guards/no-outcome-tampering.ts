import { capList, type Guard, type GuardInput } from '../../../src/guards/index.js';
import type { GuardVerdict } from '../../../src/core/index.js';
import { changedTexts, describeOccurrence, isPython, newOccurrences } from './occurrences.js';
import { pythonTampering } from './tampering.js';

const ID = 'no-outcome-tampering';

/**
 * No changed Python file gains code that decides outcomes instead of the tests: outcome hooks,
 * `report.outcome = …`, patches of pytest internals, `os._exit`, signal and atexit tricks.
 * Applies to every task type: no legitimate fix needs them. Test files are judged strictly.
 */
export const noOutcomeTamperingGuard: Guard = {
  id: ID,
  description: 'no hooks or exits that rewrite test outcomes (any task type)',
  check(input: GuardInput): GuardVerdict {
    const added = changedTexts(input, isPython).flatMap((f) => {
      const test = input.isTestFile(f.path);
      return newOccurrences(pythonTampering(f.path, f.before, test), pythonTampering(f.path, f.after, test));
    });
    if (added.length === 0) return { guard: ID, passed: true };
    return { guard: ID, passed: false, evidence: `code that decides test outcomes itself:\n${capList(added.map(describeOccurrence))}` };
  },
};
