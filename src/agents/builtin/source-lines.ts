// Exact line editing: every line keeps its own terminator, so a CRLF file stays CRLF and a file
// without a final newline stays without one. Line numbers match the Python lexer's (1-based).

/** One physical line and the terminator that ended it (`''` for a last line without one). */
export interface SourceLine {
  text: string;
  eol: string;
}

export function splitLines(source: string): SourceLine[] {
  const out: SourceLine[] = [];
  const re = /\r\n|\r|\n/g;
  let from = 0;
  for (const m of source.matchAll(re)) {
    out.push({ text: source.slice(from, m.index), eol: m[0] });
    from = m.index + m[0].length;
  }
  if (from < source.length || out.length === 0) out.push({ text: source.slice(from), eol: '' });
  return out;
}

export function joinLines(lines: readonly SourceLine[]): string {
  return lines.map((l) => l.text + l.eol).join('');
}

/** The terminator this file mostly uses, for lines we add. */
export function dominantEol(lines: readonly SourceLine[]): string {
  const crlf = lines.filter((l) => l.eol === '\r\n').length;
  const lf = lines.filter((l) => l.eol === '\n').length;
  return crlf > lf ? '\r\n' : '\n';
}

/** Leading whitespace of a line, exactly as written (tabs stay tabs). */
export function indentOf(line: SourceLine | undefined): string {
  return /^[ \t]*/.exec(line?.text ?? '')![0];
}

/** Removes 1-based inclusive line ranges; ranges may come in any order but must not overlap. */
export function removeRanges(lines: SourceLine[], ranges: readonly { start: number; end: number }[]): SourceLine[] {
  const drop = new Set<number>();
  for (const r of ranges) for (let n = r.start; n <= r.end; n++) drop.add(n);
  return lines.filter((_, i) => !drop.has(i + 1));
}

/** Inserts `text` as a new line before 1-based line `before`, using the file's terminator. */
export function insertLine(lines: SourceLine[], before: number, text: string): SourceLine[] {
  const eol = dominantEol(lines);
  const at = Math.min(Math.max(before - 1, 0), lines.length);
  const out = [...lines];
  // A file whose last line has no terminator gets one when we append after it.
  if (at === out.length && at > 0 && out[at - 1]!.eol === '') out[at - 1] = { ...out[at - 1]!, eol };
  out.splice(at, 0, { text, eol });
  return out;
}
