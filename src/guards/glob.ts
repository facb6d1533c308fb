// A tiny glob matcher for repo-relative posix paths. Node's `path.matchesGlob` is experimental on
// Node 20, and the guards need exact, documented semantics more than a full minimatch:
//   `*` any run of characters within one segment, `?` one character within a segment,
//   `**` as a whole segment: zero or more segments, `{a,b}` alternatives (nestable).
// Everything else is literal. Patterns are anchored at the repo root (`conftest.py` is the root
// file only; `**/conftest.py` is any of them). Dotfiles are not special: `**` matches `.github/…`,
// which is what a path guard wants (a hidden file is still a file the agent changed).

const cache = new Map<string, RegExp>();

/** Whether repo-relative posix `path` matches glob `pattern` (see the syntax above). */
export function matchGlob(pattern: string, path: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(`^${toRegExpSource(normalizePattern(pattern))}$`);
    cache.set(pattern, re);
  }
  return re.test(path);
}

/** The first pattern `path` matches, or undefined. */
export function firstMatch(patterns: readonly string[], path: string): string | undefined {
  return patterns.find((p) => matchGlob(p, path));
}

function normalizePattern(pattern: string): string {
  const p = pattern.replace(/^(?:\.\/)+/, '');
  // A trailing slash names a directory: everything below it.
  return p.endsWith('/') ? `${p}**` : p;
}

function toRegExpSource(p: string): string {
  let out = '';
  let i = 0;
  while (i < p.length) {
    const c = p[i]!;
    if (c === '*' && p[i + 1] === '*' && (i === 0 || p[i - 1] === '/') && (i + 2 === p.length || p[i + 2] === '/')) {
      // `**/` may match nothing at all; a final `**` matches the rest of the path.
      out += i + 2 === p.length ? '.*' : '(?:.*/)?';
      i += 3;
    } else if (c === '*') {
      while (p[i + 1] === '*') i++;
      out += '[^/]*';
      i++;
    } else if (c === '?') {
      out += '[^/]';
      i++;
    } else if (c === '{') {
      const end = closingBrace(p, i);
      if (end < 0) {
        out += '\\{';
        i++;
        continue;
      }
      out += `(?:${splitAlternatives(p.slice(i + 1, end)).map(toRegExpSource).join('|')})`;
      i = end + 1;
    } else {
      out += c.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
      i++;
    }
  }
  return out;
}

function closingBrace(p: string, open: number): number {
  let depth = 0;
  for (let i = open; i < p.length; i++) {
    if (p[i] === '{') depth++;
    else if (p[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitAlternatives(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{') depth++;
    else if (body[i] === '}') depth--;
    else if (body[i] === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}
