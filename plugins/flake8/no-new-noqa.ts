import { capList } from '../../src/guards/index.js';
import type { Guard, GuardInput } from '../../src/guards/index.js';
import type { GuardVerdict } from '../../src/core/index.js';

const ID = 'no-new-noqa';

/** `# noqa`, `# noqa: E501` and the file-wide `# flake8: noqa`, as flake8 matches them (any case). */
const SUPPRESSION = /#\s*(?:flake8[:=]\s*)?noqa\b/gi;

const count = (text: string | undefined) => (text ?? '').match(SUPPRESSION)?.length ?? 0;

/** Files whose noqa comments grew in this attempt, with before → after counts. */
export function addedNoqa(input: GuardInput): string[] {
  return input.changes.flatMap((c) => {
    if (c.status === 'deleted' || c.binary) return [];
    const before = count(input.readBase(c.oldPath ?? c.path));
    const after = count(input.readAfter(c.path));
    return after > before ? [`${c.path}: ${before} → ${after} noqa comment(s)`] : [];
  });
}

/** A lint problem is fixed, not silenced: no attempt may add `# noqa` comments. */
export const noNewNoqaGuard: Guard = {
  id: ID,
  description: 'no new `# noqa` / `# flake8: noqa` comments',
  check(input: GuardInput): GuardVerdict {
    const added = addedNoqa(input);
    return added.length ? { guard: ID, passed: false, evidence: `silencing flake8 is not a fix:\n${capList(added)}` } : { guard: ID, passed: true };
  },
};
