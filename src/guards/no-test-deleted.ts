import type { GuardVerdict } from '../core/index.js';
import type { Guard, GuardInput } from './contract.js';
import { capList } from './evidence.js';

/**
 * A language-neutral guess at test files, for plugins that do not say: files under a
 * `test`/`tests`/`__tests__`/`spec` directory, or named like `test_x.*`, `x_test.*`, `x.test.*`,
 * `x.spec.*`, `XTest.*`. Deliberately generous: a false positive only protects a file.
 */
export function looksLikeTestFile(path: string): boolean {
  const base = path.split('/').pop() ?? path;
  return (
    /(?:^|\/)(?:tests?|__tests__|specs?)\//.test(path) ||
    /^tests?_/i.test(base) ||
    /[._-](?:test|spec)s?\.[^/]+$/i.test(base) ||
    /[a-z0-9](?:Test|Tests|Spec)\.[^/.]+$/.test(base)
  );
}

/** No test file may be deleted, renamed away or replaced by something that is not a file. */
const id = 'no-test-deleted';

export const noTestDeletedGuard: Guard = {
  id,
  description: 'no test file deleted or renamed',
  check(input: GuardInput): GuardVerdict {
    const isTestFile = (p: string) => input.isTestFile(p);
    const problems = input.changes.flatMap((c) => {
      if (c.status === 'deleted' && isTestFile(c.path)) return [`${c.path}: test file deleted`];
      if (c.status === 'renamed' && c.oldPath !== undefined && isTestFile(c.oldPath)) {
        return [`${c.oldPath}: test file renamed to ${c.path} (its test ids change; renaming tests hides failures)`];
      }
      if (c.status === 'type_changed' && isTestFile(c.path)) return [`${c.path}: test file turned into another kind of file (e.g. a symlink)`];
      return [];
    });
    return problems.length ? { guard: id, passed: false, evidence: capList(problems) } : { guard: id, passed: true };
  },
};
