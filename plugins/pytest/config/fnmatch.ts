import path from 'node:path';

/** A `[…]` set at `i` as a RegExp class and the index of its `]`; undefined when unclosed. */
function charSet(pattern: string, i: number): { re: string; end: number } | undefined {
  let j = i + 1;
  if (pattern[j] === '!') j++;
  if (pattern[j] === ']') j++; // a leading `]` is a member, not the end
  const end = pattern.indexOf(']', j);
  if (end < 0) return undefined;
  const body = pattern.slice(i + 1, end);
  if (body === '!') return { re: '.', end };
  const negate = body.startsWith('!');
  return { re: `[${negate ? '^' : ''}${(negate ? body.slice(1) : body).replace(/[\\\]^]/g, '\\$&')}]`, end };
}

/** Python's `fnmatch.translate`: `*` crosses `/`, `[!…]` negates, an unclosed `[` is literal. */
function fnmatchRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const set = c === '[' ? charSet(pattern, i) : undefined;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (set) {
      re += set.re;
      i = set.end;
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

/**
 * pytest's `fnmatch_ex` on POSIX: a pattern without `/` is matched against the file name; one with
 * `/` against the absolute path, a relative one prefixed with `*` + `/` (so `tests/*.py` also
 * matches `a/tests/x.py`).
 */
export function fnmatchEx(pattern: string, absolutePath: string): boolean {
  if (!pattern.includes('/')) return fnmatchRegExp(pattern).test(path.posix.basename(absolutePath));
  return fnmatchRegExp(pattern.startsWith('/') ? pattern : `*/${pattern}`).test(absolutePath);
}
