import type { GuardVerdict } from '../core/index.js';
import { runScrubber } from '../secrets/index.js';
import type { SecretScrubber } from '../secrets/index.js';
import type { ChangedFile, Guard, GuardInput } from './contract.js';
import { capList } from './evidence.js';

const ID = 'no-secrets-in-diff';

/** Lines of `after` that `base` does not have (as many times), in order. */
function addedLines(base: string, after: string): string[] {
  const left = new Map<string, number>();
  for (const line of base.split('\n')) left.set(line, (left.get(line) ?? 0) + 1);
  return after.split('\n').filter((line) => {
    const n = left.get(line) ?? 0;
    if (n > 0) left.set(line, n - 1);
    return n === 0;
  });
}

function problemOf(input: GuardInput, c: ChangedFile, scrubber: SecretScrubber): string | undefined {
  if (c.status === 'deleted' || c.binary) return undefined;
  const after = input.readAfter(c.path);
  if (after === undefined) return undefined;
  const labels = scrubber.find(addedLines(input.readBase(c.oldPath ?? c.path) ?? '', after).join('\n'));
  if (labels.length === 0) return undefined;
  return `${c.path}: adds ${labels.length} secret(s): ${[...new Set(labels)].join(', ')}`;
}

/**
 * No change may add a secret: a known secret value of the environment (named by its variable)
 * or a token pattern (named by its kind). The evidence never quotes the value; the attempt is
 * rejected, so the secret is never committed or published.
 */
export function noSecretsInDiff(scrubber: () => SecretScrubber = runScrubber): Guard {
  return {
    id: ID,
    description: 'no secret value or token added by the change',
    check(input: GuardInput): GuardVerdict {
      const s = scrubber();
      const problems = input.changes.flatMap((c) => problemOf(input, c, s) ?? []);
      return problems.length ? { guard: ID, passed: false, evidence: capList(problems) } : { guard: ID, passed: true };
    },
  };
}

/** The guard with the run's scrubber (`runScrubber()`), read at check time. */
export const noSecretsInDiffGuard: Guard = noSecretsInDiff();
