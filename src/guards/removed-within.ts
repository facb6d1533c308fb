import { splitLines } from '../agents/builtin/source-lines.js';

/**
 * Whether `after` is `base` with some of the lines `removable` allows (1-based line numbers of
 * `base`) taken out, and nothing else changed. Equal lines make the alignment ambiguous (blank
 * lines, a repeated `assert`), so every alignment is tried: a walk over base lines tracking how
 * many were dropped so far, O(lines × dropped).
 */
export function removedOnlyWithin(base: string, after: string, removable: ReadonlySet<number>): boolean {
  // Texts without terminators: deleting a file's last function may leave the new last line without one.
  const b = splitLines(base).map((l) => l.text);
  const a = splitLines(after).map((l) => l.text);
  const drops = b.length - a.length;
  if (drops < 0) return false;
  let reach = new Set([0]);
  for (let i = 0; i < b.length && reach.size; i++) {
    const next = new Set<number>();
    for (const d of reach) {
      if (a[i - d] === b[i]) next.add(d);
      if (d < drops && removable.has(i + 1)) next.add(d + 1);
    }
    reach = next;
  }
  return reach.has(drops);
}

/** Each span widened by the blank lines right before and after it (1-based, inclusive). */
export function withBlankNeighbours(base: string, spans: readonly { start: number; end: number }[]): Set<number> {
  const lines = splitLines(base);
  const blank = (n: number) => n >= 1 && n <= lines.length && lines[n - 1]!.text.trim() === '';
  const out = new Set<number>();
  for (const { start, end } of spans) {
    let s = start;
    let e = end;
    while (blank(s - 1)) s--;
    while (blank(e + 1)) e++;
    for (let n = s; n <= e; n++) out.add(n);
  }
  return out;
}
