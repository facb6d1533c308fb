import type { GuardVerdict } from '../core/index.js';
import type { ChangedFile, Guard, GuardInput } from './contract.js';
import { testFunctionLines } from '../agents/builtin/delete-source.js';
import { capList } from './evidence.js';
import { removedOnlyWithin, withBlankNeighbours } from './removed-within.js';

const ID = 'deletion-only';

/** Target functions per file: `a.py::T::test_x[1]` and `a.py::T::test_x[2]` are one function. */
export function targetFunctions(nodeIds: readonly string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const id of nodeIds) {
    const sep = id.indexOf('::');
    if (sep <= 0) continue;
    const file = id.slice(0, sep);
    const fn = id.slice(sep + 2).split('[')[0]!;
    out.set(file, (out.get(file) ?? new Set()).add(fn));
  }
  return out;
}

/**
 * How many separate blocks of lines `after` lacks from `base`, or undefined when `after` is not
 * `base` with lines taken out (a line was added or changed). Lines match greedily in order.
 */
export function removedBlocks(base: string, after: string): number | undefined {
  const b = base.split('\n');
  const a = after.split('\n');
  let i = 0;
  let blocks = 0;
  let inGap = false;
  for (const line of a) {
    while (i < b.length && b[i] !== line) {
      if (!inGap) blocks++;
      inGap = true;
      i++;
    }
    if (i === b.length) return undefined;
    inGap = false;
    i++;
  }
  return i < b.length ? blocks + 1 : blocks;
}

function problemOf(input: GuardInput, c: ChangedFile, targets: Map<string, Set<string>>): string | undefined {
  const fns = targets.get(c.path);
  if (!fns) return `${c.path} (${c.status}) holds none of the tests to delete`;
  if (c.status !== 'modified') return `${c.path} was ${c.status}: a delete_test task only removes lines from the file`;
  const base = input.readBase(c.path);
  const after = input.readAfter(c.path);
  if (base === undefined || after === undefined) return `${c.path}: cannot read it before and after the attempt`;
  const blocks = removedBlocks(base, after);
  if (blocks === undefined) return `${c.path}: lines were added or changed; a delete_test task only removes the target tests`;
  if (blocks > fns.size) return `${c.path}: ${blocks} separate blocks were removed for ${fns.size} target test function(s) (${[...fns].join(', ')}): something else went too`;
  const spans = [...fns].map((fn) => ({ fn, lines: testFunctionLines(base, fn.split('::')) }));
  const lost = spans.filter((s) => !s.lines).map((s) => s.fn);
  if (lost.length) return `${c.path}: ${lost.join(', ')} is not in the file at the base commit, so what may be deleted cannot be told`;
  // One block can still take the end of the test before a target along with it: every removed
  // line must lie inside a target function (decorators, def, body) or the blank lines around it.
  const removable = withBlankNeighbours(base, spans.flatMap((s) => s.lines ?? []));
  if (!removedOnlyWithin(base, after, removable)) return `${c.path}: lines outside the target test function(s) (${[...fns].join(', ')}) were removed; a delete_test task removes only the target tests`;
  return undefined;
}

/**
 * A `delete_test` attempt only takes lines out of the files holding its target tests, in at most
 * one block per target function and only from the targets' own lines at the base (decorators,
 * def, body, the blank lines around): no added or changed line, no other file, nothing removed
 * elsewhere. With the inventory guard (only the targets may stop being collected) this pins the
 * change to the tests the task names. Other task types pass.
 */
export const deletionOnlyGuard: Guard = {
  id: ID,
  description: 'a delete_test change only removes the target tests',
  check(input: GuardInput): GuardVerdict {
    if (input.task.type !== 'delete_test') return { guard: ID, passed: true };
    const targets = targetFunctions(input.task.targets.nodeIds);
    const problems = input.changes.flatMap((c) => problemOf(input, c, targets) ?? []);
    return problems.length ? { guard: ID, passed: false, evidence: capList(problems) } : { guard: ID, passed: true };
  },
};
