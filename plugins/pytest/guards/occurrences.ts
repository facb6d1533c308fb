import { pathProblem, snippet, type ChangedFile, type GuardInput } from '../../../src/guards/index.js';

/** One thing a guard looks for, found in one file. */
export interface Occurrence {
  path: string;
  line: number;
  /** The def/class it sits in (or decorates); empty at module level. */
  scope: string;
  /** What it is, e.g. `skip marker pytest.mark.skip`. */
  what: string;
  /** The source as written. */
  text: string;
  /** Identity across versions of the file: the same key before and after is the same occurrence. */
  key: string;
}

/**
 * Occurrences in `after` that `before` does not have, as a multiset: moving a line keeps its key,
 * a second copy or an edited one (a widened `skipif` condition, a skip moved onto another test) is new.
 */
export function newOccurrences(before: readonly Occurrence[], after: readonly Occurrence[]): Occurrence[] {
  const left = new Map<string, number>();
  for (const o of before) left.set(o.key, (left.get(o.key) ?? 0) + 1);
  return after.filter((o) => {
    const n = left.get(o.key) ?? 0;
    if (n > 0) left.set(o.key, n - 1);
    return n === 0;
  });
}

export function describeOccurrence(o: Occurrence): string {
  return `${o.path}:${o.line}${o.scope ? ` (in ${o.scope})` : ''}: ${o.what}: ${snippet(o.text)}`;
}

/** A changed file's text before (at the base, under its old name for renames and copies) and after. */
export interface FileVersions {
  change: ChangedFile;
  path: string;
  before: string;
  after: string;
}

/** The changed files still present after the attempt whose path `wanted` accepts, with both texts. */
export function changedTexts(input: GuardInput, wanted: (path: string) => boolean): FileVersions[] {
  return input.changes.flatMap((c) => {
    // Unsafe paths are the path guard's to reject; never read through them.
    if (c.status === 'deleted' || c.binary || pathProblem(c.path) || !wanted(c.path)) return [];
    const from = (c.status === 'renamed' || c.status === 'copied') && c.oldPath && !pathProblem(c.oldPath) ? c.oldPath : c.path;
    const after = input.readAfter(c.path);
    if (after === undefined) return [];
    return [{ change: c, path: c.path, before: input.readBase(from) ?? '', after }];
  });
}

export const isPython = (path: string): boolean => path.endsWith('.py');
