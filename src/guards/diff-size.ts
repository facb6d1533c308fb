import type { GuardVerdict } from '../core/index.js';
import type { ChangedFile, Guard, GuardInput } from './contract.js';
import { capList } from './evidence.js';

const ID = 'diff-size';
const TOP = 5;

/**
 * The diff stays under the configured caps: changed lines (insertions + deletions) and files.
 * Binary files are rejected unless the task names that exact file in its allowed paths: their
 * size escapes the line cap, no content guard can read them and reviewers cannot review them,
 * so only a change the planner asked for by name (e.g. a regenerated fixture) gets through.
 */
export const diffSizeGuard: Guard = {
  id: ID,
  description: 'the diff stays under the size cap; no unplanned binary files',
  check(input: GuardInput): GuardVerdict {
    const { maxChangedLines, maxChangedFiles } = input.limits;
    const problems: string[] = [];
    const lines = input.changes.reduce((sum, c) => sum + c.insertions + c.deletions, 0);
    if (lines > maxChangedLines) problems.push(`${lines} changed lines exceed the cap of ${maxChangedLines}; largest: ${largest(input.changes)}`);
    if (input.changes.length > maxChangedFiles) {
      problems.push(`${input.changes.length} changed files exceed the cap of ${maxChangedFiles}: ${input.changes.map((c) => c.path).join(', ')}`);
    }
    for (const c of input.changes.filter((x) => x.binary && x.status !== 'deleted' && !input.task.allowedPaths.includes(x.path))) {
      problems.push(`${c.path} is a binary file (${c.status}); binary changes need the task to name the file in its allowed paths`);
    }
    return problems.length ? { guard: ID, passed: false, evidence: capList(problems) } : { guard: ID, passed: true };
  },
};

function largest(changes: readonly ChangedFile[]): string {
  return [...changes]
    .sort((a, b) => b.insertions + b.deletions - (a.insertions + a.deletions))
    .slice(0, TOP)
    .map((c) => `${c.path} (+${c.insertions} -${c.deletions})`)
    .join(', ');
}
