// A small Python lexer for the guards: enough to read statements without being fooled by comments
// or strings, and to join what Python joins (brackets and backslash continuations), so a decorator
// split over lines is one statement. It never runs Python; the target project is a black box.

/** One simple statement, with string literals replaced by `""` and comments removed. */
export interface Statement {
  /** 1-based line the statement starts on. */
  line: number;
  /** Leading whitespace width of that line (tabs count as one). */
  indent: number;
  /** Code with each string literal as `""`, whitespace collapsed, `a . b` written `a.b`. */
  code: string;
  /** The string literals' contents in order; the n-th `""` in `code` is `strings[n]`. */
  strings: string[];
  /** The source as written (all physical lines of the logical line), for evidence. */
  text: string;
}

const STRING_START = /(?:[rRbBuUfF]{1,2})?("""|'''|"|')/y;

/** Splits Python source into statements. Tolerant: unterminated strings end at the line's end. */
export function statements(source: string): Statement[] {
  const src = source.replace(/\r\n?/g, '\n');
  const lines = src.split('\n');
  const out: Statement[] = [];
  let code = '';
  let strings: string[] = [];
  let depth = 0;
  let line = 1;
  let start = 1;
  const flush = () => {
    const text = lines.slice(start - 1, line).join('\n');
    const indent = /^[ \t]*/.exec(lines[start - 1] ?? '')![0].length;
    for (const part of splitSemicolons(code, strings)) out.push({ line: start, indent, text, ...part });
    code = '';
    strings = [];
    depth = 0;
    start = line + 1;
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '\\' && src[i + 1] === '\n') {
      code += ' ';
      i += 2;
      line++;
    } else if (c === '\n') {
      if (depth > 0 || code.trim() === '') {
        if (code.trim() === '') start = line + 1;
        code += ' ';
      } else flush();
      i++;
      line++;
    } else if (isStringStart(src, i)) {
      const lit = readString(src, i);
      strings.push(lit.content);
      code += '""';
      line += lit.newlines;
      i = lit.end;
    } else {
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) depth = Math.max(0, depth - 1);
      code += c;
      i++;
    }
  }
  if (code.trim() !== '') {
    line = Math.min(line, lines.length);
    flush();
  }
  return out;
}

function isStringStart(src: string, i: number): boolean {
  const c = src[i]!;
  if (c !== '"' && c !== "'" && !/[rRbBuUfF]/.test(c)) return false;
  // A prefix letter only starts a string when it is not the tail of a longer name.
  if (c !== '"' && c !== "'" && i > 0 && /\w/.test(src[i - 1]!)) return false;
  STRING_START.lastIndex = i;
  return STRING_START.test(src);
}

function readString(src: string, i: number): { content: string; end: number; newlines: number } {
  STRING_START.lastIndex = i;
  const m = STRING_START.exec(src)!;
  const quote = m[1]!;
  const from = i + m[0].length;
  let j = from;
  let newlines = 0;
  while (j < src.length) {
    if (src[j] === '\\') {
      if (src[j + 1] === '\n') newlines++;
      j += 2;
      continue;
    }
    if (src.startsWith(quote, j)) return { content: src.slice(from, j), end: j + quote.length, newlines };
    if (src[j] === '\n') {
      if (quote.length === 1) return { content: src.slice(from, j), end: j, newlines };
      newlines++;
    }
    j++;
  }
  return { content: src.slice(from), end: src.length, newlines };
}

function splitSemicolons(code: string, strings: string[]): { code: string; strings: string[] }[] {
  const parts: { code: string; strings: string[] }[] = [];
  let used = 0;
  for (const raw of code.split(';')) {
    const n = (raw.match(/""/g) ?? []).length;
    const text = normalize(raw);
    if (text) parts.push({ code: text, strings: strings.slice(used, used + n) });
    used += n;
  }
  return parts;
}

function normalize(code: string): string {
  const flat = code.replace(/\s+/g, ' ').trim();
  // `pytest . mark . skip` is legal Python; imports keep their spaces (`from . import x`).
  return /^(?:from|import)\b/.test(flat) ? flat : flat.replace(/\s*\.\s*(?=[A-Za-z_])/g, '.').replace(/(\w)\s+\(/g, '$1(');
}

/** The string literal a `""` placeholder at `index` in `stmt.code` stands for. */
export function stringAt(stmt: Statement, index: number): string | undefined {
  const before = (stmt.code.slice(0, index).match(/"/g) ?? []).length;
  return stmt.strings[Math.floor(before / 2)];
}
