import { capList } from '../../src/guards/index.js';
import type { Guard, GuardInput } from '../../src/guards/index.js';
import type { GuardVerdict } from '../../src/core/index.js';

const ID = 'no-new-eslint-suppressions';

/** `eslint-disable…` directives and inline rule configuration (`/* eslint rule: "off" *\/`). */
const SUPPRESSION = /\/[/*]\s*eslint-disable(?:-next-line|-line)?\b|\/\*\s*eslint\s+[\w@/-]+\s*:/g;

const count = (text: string | undefined) => (text ?? '').match(SUPPRESSION)?.length ?? 0;

/** Files whose eslint suppressions grew in this attempt, with before → after counts. */
export function addedSuppressions(input: GuardInput): string[] {
  return input.changes.flatMap((c) => {
    if (c.status === 'deleted' || c.binary) return [];
    const before = count(input.readBase(c.oldPath ?? c.path));
    const after = count(input.readAfter(c.path));
    return after > before ? [`${c.path}: ${before} → ${after} eslint-disable/inline-config comment(s)`] : [];
  });
}

/** A lint problem is fixed, not silenced: no attempt may add `eslint-disable` or inline rule config. */
export const noNewSuppressionsGuard: Guard = {
  id: ID,
  description: 'no new eslint-disable comments or inline eslint rule configuration',
  check(input: GuardInput): GuardVerdict {
    const added = addedSuppressions(input);
    return added.length ? { guard: ID, passed: false, evidence: `silencing eslint is not a fix:\n${capList(added)}` } : { guard: ID, passed: true };
  },
};
