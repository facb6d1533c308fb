// Whether an assertion cannot fail, judged from its text: `assert True`, `assert 1`, `assert x == x`,
// `assert (x, "msg")` (a non-empty tuple), `assert x or True`, `self.assertEqual(a, a)`.
// Only literal, obvious cases: a false alarm here would reject a real fix.
import type { Statement } from './python-lex.js';

/** Code with non-empty string literals written `"s"` and empty ones `""`, so truthiness is visible. */
export function truthCode(s: Statement): string {
  let k = 0;
  return s.code.replace(/""/g, () => (s.strings[k++] ? '"s"' : '""'));
}

// Splits at top-level occurrences of `sep` (outside brackets); word separators need word boundaries.
function splitTop(e: string, sep: string): string[] {
  const word = /^\w/.test(sep);
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < e.length; i++) {
    const c = e[i]!;
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0 && e.startsWith(sep, i) && (!word || (/\W|^$/.test(e[i - 1] ?? '') && /\W|^$/.test(e[i + sep.length] ?? '')))) {
      parts.push(e.slice(start, i).trim());
      start = i + sep.length;
      i += sep.length - 1;
    }
  }
  parts.push(e.slice(start).trim());
  return parts;
}

/** The inside of `(…)` when the parentheses wrap the whole expression, else undefined. */
function parenInner(e: string): string | undefined {
  if (!e.startsWith('(') || !e.endsWith(')')) return undefined;
  let depth = 0;
  for (let i = 0; i < e.length; i++) {
    if ('([{'.includes(e[i]!)) depth++;
    else if (')]}'.includes(e[i]!)) depth--;
    if (depth === 0 && i < e.length - 1) return undefined;
  }
  return e.slice(1, -1).trim();
}

const NONZERO_NUMBER = /^[+-]?(?:0[xob][\da-f_]*[1-9a-f][\da-f_]*|\d[\d_]*\.?\d*(?:e[+-]?\d+)?j?|\.\d+(?:e[+-]?\d+)?j?)$/i;

export function alwaysTrue(expr: string): boolean {
  const e = expr.trim();
  const ors = splitTop(e, 'or');
  if (ors.length > 1) return ors.some(alwaysTrue);
  const ands = splitTop(e, 'and');
  if (ands.length > 1) return ands.every(alwaysTrue);
  if (e.startsWith('not ')) return alwaysFalse(e.slice(4));
  const inner = parenInner(e);
  if (inner !== undefined) return splitTop(inner, ',').length > 1 || alwaysTrue(inner);
  if (e === 'True' || e === '"s"' || e === '...') return true;
  if (NONZERO_NUMBER.test(e) && !/^[+-]?[0.]+(?:e[+-]?\d+)?j?$/i.test(e.replace(/_/g, ''))) return true;
  if (/^\[.+\]$|^\{.+\}$/.test(e) && parenInner(`(${e.slice(1, -1)})`) !== undefined) return true;
  if (/^isinstance\(.+, ?object\)$/.test(e)) return true;
  for (const op of ['==', ' is ', '<=', '>=']) {
    const sides = splitTop(e, op.trim() === 'is' ? 'is' : op);
    if (sides.length === 2 && sides[0] !== '' && sides[0] === sides[1]) return true;
  }
  return false;
}

export function alwaysFalse(expr: string): boolean {
  const e = expr.trim();
  if (e.startsWith('not ')) return alwaysTrue(e.slice(4));
  const inner = parenInner(e);
  if (inner !== undefined) return inner === '' || (splitTop(inner, ',').length === 1 && alwaysFalse(inner));
  return /^(?:False|None|""|\[\]|\{\}|[+-]?0+(?:\.0*)?)$/.test(e);
}

/** The arguments of the call whose `(` is at `open`. */
function callArgs(code: string, open: number): string[] {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if ('([{'.includes(code[i]!)) depth++;
    else if (')]}'.includes(code[i]!) && --depth === 0) return splitTop(code.slice(open + 1, i), ',').filter((a) => a !== '');
  }
  return [];
}

/** Whether a statement asserts something that cannot fail (an `assert` or a unittest assert-method). */
export function tautologyIn(s: Statement): boolean {
  const code = truthCode(s);
  const stmt = /(?:^|: )assert\b(.*)$/.exec(code);
  if (stmt && alwaysTrue(splitTop(stmt[1]!.trim(), ',')[0] ?? '')) return true;
  for (const m of code.matchAll(/\.assert(True|False|Equals?|Is|AlmostEquals?|CountEqual|ListEqual|DictEqual)\(/g)) {
    const args = callArgs(code, m.index + m[0].length - 1);
    if (m[1] === 'True' && args[0] !== undefined && alwaysTrue(args[0])) return true;
    if (m[1] === 'False' && args[0] !== undefined && alwaysFalse(args[0])) return true;
    if (m[1] !== 'True' && m[1] !== 'False' && args.length >= 2 && args[0] === args[1]) return true;
  }
  return false;
}
