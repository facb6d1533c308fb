/**
 * A fast well-formedness scan run before fast-xml-parser, which silently accepts truncated
 * files, mismatched and unquoted tags. Checks structure only (tags, attributes, comments,
 * CDATA, one root); text content is left to the parser. Refuses any DOCTYPE: no JUnit
 * producer writes one, and not reading it is the simplest defence against entity expansion
 * (billion laughs) and external entities (XXE).
 */
export type WellFormed =
  | { ok: true; roots: string[]; bodyStart: number }
  | { ok: false; error: string; root?: string };

// `plain` errors are complete sentences, not positions in a malformed file.
type Step = number | { error: string; at: number; truncated?: boolean; plain?: boolean };

/** Scanner state; one per document, so that the per-tag work allocates nothing but the tag name. */
interface Scan {
  xml: string;
  stack: string[];
  openedAt: number[];
  roots: string[];
  /** The first "<" after the last start tag's own "<" (-1: none): where the next markup begins. */
  nextLt: number;
  /** Tag names seen so far (a report uses a dozen): reused instead of sliced again for every tag. */
  names: string[];
}

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;
// Whitespace, '/', '>', '<', '=', quotes, or past the end: what ends an XML name. All are below
// '@' (64), so letters take one comparison.
const isNameEnd = (c: number): boolean =>
  c < 64 ? isSpace(c) || c === 47 || c === 62 || c === 60 || c === 61 || c === 34 || c === 39 : Number.isNaN(c);

export function checkWellFormed(xml: string): WellFormed {
  const bodyStart = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  const scan: Scan = { xml, stack: [], openedAt: [], roots: [], nextLt: -1, names: [] };
  const { stack, openedAt, roots } = scan;
  const fail = (error: string, at: number, truncated = false): WellFormed => {
    const where = !truncated
      ? `${position(xml, at)}: ${error}`
      : stack.length
        ? `the file ends inside <${stack.at(-1)}> opened at ${position(xml, openedAt.at(-1) ?? 0)}`
        : `the file ends inside a ${error} started at ${position(xml, at)}`;
    return { ok: false, error: truncated ? `XML is truncated: ${where} (report still being written, or the job killed?)` : `XML is malformed at ${where}`, root: roots[0] };
  };
  let i = bodyStart;
  let lt = xml.indexOf('<', i);
  for (;;) {
    if (stack.length === 0 && !isBlank(xml, i, lt === -1 ? xml.length : lt)) {
      return fail(roots.length ? 'text after the root element' : 'text before the root element', firstNonBlank(xml, i));
    }
    if (lt === -1) break;
    const isStartTag = isStartTagAt(xml, lt);
    const step = isStartTag ? scanStartTag(scan, lt) : scanMarkup(scan, lt);
    if (typeof step !== 'number') {
      return step.plain ? { ok: false, error: `${step.error} (${position(xml, step.at)})` } : fail(step.error, step.at, step.truncated);
    }
    i = step;
    // A well-formed start tag holds no "<", so the one found while checking it comes next.
    lt = isStartTag ? scan.nextLt : xml.indexOf('<', i);
  }
  if (stack.length) return fail('', xml.length, true);
  if (!roots.length) return { ok: false, error: 'XML has no root element' };
  return { ok: true, roots, bodyStart };
}

function isStartTagAt(xml: string, lt: number): boolean {
  const c = xml.charCodeAt(lt + 1);
  return c !== 33 && c !== 63 && c !== 47;
}

function scanMarkup({ xml, stack, openedAt }: Scan, lt: number): Step {
  const c = xml.charCodeAt(lt + 1);
  if (c === 33) return scanBang(xml, lt, stack.length > 0);
  if (c === 63) return skipTo(xml, lt + 2, '?>', 'processing instruction');
  const end = xml.indexOf('>', lt + 2);
  if (end === -1) return { error: 'closing tag', at: lt, truncated: true };
  const open = stack.pop();
  if (open === undefined || !closes(xml, lt + 2, end, open)) {
    const name = xml.slice(lt + 2, end).trimEnd();
    return { error: open ? `</${name}> closes <${open}> (opened at ${position(xml, openedAt.at(-1) ?? 0)})` : `</${name}> has no opening tag`, at: lt };
  }
  openedAt.pop();
  return end + 1;
}

/** Whether `xml.slice(from, end).trimEnd() === open`, without building the slice in the usual case. */
function closes(xml: string, from: number, end: number, open: string): boolean {
  const exact = end - from === open.length && xml.startsWith(open, from);
  // trimEnd would drop a trailing \v, \f or Unicode space that a name may hold; leave those to it.
  const last = open.charCodeAt(open.length - 1);
  if (exact && last > 32 && last < 128) return true;
  return xml.slice(from, end).trimEnd() === open;
}

function scanBang(xml: string, lt: number, inRoot: boolean): Step {
  if (xml.startsWith('<!--', lt)) return skipTo(xml, lt + 4, '-->', 'comment');
  if (xml.startsWith('<![CDATA[', lt)) {
    return inRoot ? skipTo(xml, lt + 9, ']]>', 'CDATA section') : { error: 'CDATA outside the root element', at: lt };
  }
  if (/^<!DOCTYPE\s+html\b/i.test(xml.slice(lt, lt + 20))) {
    return { error: 'not a JUnit report: it is an HTML page (<!DOCTYPE html>), perhaps an error page saved in place of the report', at: lt, plain: true };
  }
  if (xml.startsWith('<!DOCTYPE', lt)) {
    return { error: 'DOCTYPE not allowed: JUnit reports never declare one, and atqos does not read DTDs (entity expansion, XXE); remove the DOCTYPE', at: lt, plain: true };
  }
  return { error: `unexpected "${xml.slice(lt, lt + 9)}"`, at: lt };
}

function scanStartTag(scan: Scan, lt: number): Step {
  const { xml, stack, openedAt, roots } = scan;
  let p = lt + 1;
  while (!isNameEnd(xml.charCodeAt(p))) p++;
  if (p === lt + 1) return { error: 'a "<" that does not start a tag (escape it as &lt;)', at: lt };
  const name = tagName(scan, lt + 1, p);
  scan.nextLt = xml.indexOf('<', lt + 1);
  for (;;) {
    const afterValue = p;
    while (isSpace(xml.charCodeAt(p))) p++;
    if (p >= xml.length) return { error: 'tag', at: lt, truncated: true };
    const c = xml.charCodeAt(p);
    const selfClosing = c === 47 && xml.charCodeAt(p + 1) === 62;
    if (c === 62 || selfClosing) {
      if (stack.length === 0) roots.push(name);
      if (!selfClosing) {
        stack.push(name);
        openedAt.push(lt);
      }
      return selfClosing ? p + 2 : p + 1;
    }
    if (p === afterValue) return { error: `unexpected "${xml[p]}" in <${name}>`, at: p };
    const attr = scanAttribute(scan, p, name);
    if (typeof attr !== 'number') return attr;
    p = attr;
  }
}

function tagName({ xml, names }: Scan, from: number, to: number): string {
  for (const known of names) if (known.length === to - from && xml.startsWith(known, from)) return known;
  const name = xml.slice(from, to);
  if (names.length < 32) names.push(name);
  return name;
}

function scanAttribute({ xml, nextLt }: Scan, start: number, tag: string): Step {
  let p = start;
  while (!isNameEnd(xml.charCodeAt(p))) p++;
  if (p === start) return { error: `unexpected "${xml[p]}" in <${tag}>`, at: p };
  const attrEnd = p;
  while (isSpace(xml.charCodeAt(p))) p++;
  if (xml.charCodeAt(p) !== 61) return { error: `attribute "${xml.slice(start, attrEnd)}" of <${tag}> has no value`, at: start };
  p++;
  while (isSpace(xml.charCodeAt(p))) p++;
  const quote = xml[p];
  if (quote !== '"' && quote !== "'") return { error: `value of attribute "${xml.slice(start, attrEnd)}" of <${tag}> is not quoted`, at: p };
  const close = xml.indexOf(quote, p + 1);
  if (close === -1) return { error: 'attribute', at: start, truncated: true };
  // Names and earlier values hold no "<" (or we would have stopped), so the tag's first "<" is the value's.
  if (nextLt !== -1 && nextLt < close) return { error: `"<" inside the value of attribute "${xml.slice(start, attrEnd)}" of <${tag}>`, at: nextLt };
  return close + 1;
}

function skipTo(xml: string, from: number, end: string, what: string): Step {
  const at = xml.indexOf(end, from);
  return at === -1 ? { error: what, at: from, truncated: true } : at + end.length;
}

function isBlank(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(xml.charCodeAt(i))) return false;
  return true;
}

function firstNonBlank(xml: string, from: number): number {
  let i = from;
  while (isSpace(xml.charCodeAt(i))) i++;
  return i;
}

/** `line L, column C` (1-based) of an offset; only computed for error messages. */
export function position(xml: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = xml.indexOf('\n'); i !== -1 && i < offset; i = xml.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}
