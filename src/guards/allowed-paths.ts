import type { GuardVerdict } from '../core/index.js';
import type { ChangedFile, Guard, GuardInput } from './contract.js';
import { capList } from './evidence.js';
import { firstMatch } from './glob.js';
import { pathProblem } from './repo-path.js';

const ID = 'allowed-paths';

/** Every path an attempt touches (both sides of a rename) must match one of the task's allowed globs. */
export const allowedPathsGuard: Guard = {
  id: ID,
  description: "changes stay inside the task's allowed paths",
  check(input: GuardInput): GuardVerdict {
    const patterns = input.task.allowedPaths;
    const problems = input.changes.flatMap((c) => touchedPaths(c).flatMap((p) => problemOf(p, patterns)));
    if (problems.length === 0) return { guard: ID, passed: true };
    const allowed = patterns.length ? patterns.join(', ') : '(none: this task may change no file)';
    return { guard: ID, passed: false, evidence: `${capList(problems)}\nallowed paths: ${allowed}` };
  },
};

/** A rename touches its old path too; a copy only adds its new one. */
export function touchedPaths(c: ChangedFile): string[] {
  return c.status === 'renamed' && c.oldPath !== undefined ? [c.oldPath, c.path] : [c.path];
}

function problemOf(path: string, patterns: readonly string[]): string[] {
  const bad = pathProblem(path);
  if (bad) return [`${JSON.stringify(path)} ${bad}`];
  return firstMatch(patterns, path) === undefined ? [`${path} is outside the allowed paths`] : [];
}
