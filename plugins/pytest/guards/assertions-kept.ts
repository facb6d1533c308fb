import { capList, type Guard, type GuardInput } from '../../../src/guards/index.js';
import type { GuardVerdict } from '../../../src/core/index.js';
import { scanAssertions } from './assertions.js';
import { changedTexts, describeOccurrence, isPython, newOccurrences } from './occurrences.js';

const ID = 'assertions-kept';

/**
 * A changed test file keeps at least as many assertions as it had (assert statements,
 * assert-methods, pytest.raises/warns/approx), and gains no assertion that cannot fail.
 */
export const assertionsKeptGuard: Guard = {
  id: ID,
  description: 'modified test files do not lose assertions or gain ones that cannot fail',
  check(input: GuardInput): GuardVerdict {
    const problems = changedTexts(input, (p) => isPython(p) && input.isTestFile(p)).flatMap((f) => {
      const before = scanAssertions(f.path, f.before);
      const after = scanAssertions(f.path, f.after);
      const out: string[] = [];
      if (after.checks.length < before.checks.length) {
        const lost = newOccurrences(after.checks, before.checks).map((o) => `  lost ${describeOccurrence({ ...o, path: f.change.oldPath ?? f.path })}`);
        out.push(`${f.path}: assertions went from ${before.checks.length} to ${after.checks.length} (lost ones at their base lines):`, ...lost);
      }
      for (const t of newOccurrences(before.tautologies, after.tautologies)) out.push(describeOccurrence(t));
      return out;
    });
    return problems.length ? { guard: ID, passed: false, evidence: capList(problems) } : { guard: ID, passed: true };
  },
};
