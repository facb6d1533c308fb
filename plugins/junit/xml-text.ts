/**
 * Decodes the five predefined XML entities and numeric character references.
 * The parser runs with entity processing off (no DTD, no expansion); this is the only decoding
 * a report gets. Unknown or out-of-range references stay as written.
 */
export function decodeXml(text: string): string {
  let amp = text.indexOf('&');
  if (amp === -1) return text;
  // A scan rather than a regex replace with a callback: tracebacks are full of &lt; and &quot;.
  // Parts are joined once, into a flat string: `+=` would build a rope that every later trim
  // or regex flattens again.
  const parts: string[] = [];
  let copied = 0;
  while (amp !== -1) {
    const end = referenceEnd(text, amp);
    if (end === -1) {
      amp = text.indexOf('&', amp + 1);
      continue;
    }
    const decoded = referenceValue(text, amp, end);
    if (decoded !== undefined) {
      parts.push(text.slice(copied, amp), decoded);
      copied = end + 1;
    }
    amp = text.indexOf('&', end + 1);
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

/** Index of the ";" ending a well-formed reference at `amp` (`&lt;`, `&#1234567;`, `&#x10FFFF;`), else -1. */
function referenceEnd(text: string, amp: number): number {
  switch (text.charCodeAt(amp + 1)) {
    case 108: case 103: // &lt; &gt;
      return text.charCodeAt(amp + 2) === 116 && text.charCodeAt(amp + 3) === 59 ? amp + 3 : -1;
    case 97: // &amp; &apos;
      return text.startsWith('mp;', amp + 2) ? amp + 4 : text.startsWith('pos;', amp + 2) ? amp + 5 : -1;
    case 113: // &quot;
      return text.startsWith('uot;', amp + 2) ? amp + 5 : -1;
    case 35: // &#
      return numericEnd(text, amp);
    default:
      return -1;
  }
}

function numericEnd(text: string, amp: number): number {
  const hex = (text.charCodeAt(amp + 2) | 32) === 120;
  const first = hex ? amp + 3 : amp + 2;
  const max = hex ? 6 : 7;
  let p = first;
  while (p - first <= max && (hex ? isHexDigit(text.charCodeAt(p)) : isDigit(text.charCodeAt(p)))) p++;
  const digits = p - first;
  return digits >= 1 && digits <= max && text.charCodeAt(p) === 59 ? p : -1;
}

/** The character a reference stands for; undefined leaves it as written (code 0 or beyond U+10FFFF). */
function referenceValue(text: string, amp: number, end: number): string | undefined {
  switch (text.charCodeAt(amp + 1)) {
    case 108: return '<';
    case 103: return '>';
    case 97: return end === amp + 4 ? '&' : "'";
    case 113: return '"';
    default: {
      const hex = (text.charCodeAt(amp + 2) | 32) === 120;
      const code = Number.parseInt(text.slice(hex ? amp + 3 : amp + 2, end), hex ? 16 : 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
    }
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || ((c | 32) >= 97 && (c | 32) <= 102);
}

/** XML parsers hand text over with line ends normalized; fast-xml-parser does not, so we do. */
export function normalizeNewlines(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}

/**
 * A JUnit `time` attribute (seconds) in milliseconds. Missing, negative or unparsable → 0.
 * `1,234.5` is read as thousands-separated; a lone comma (`0,25`, some locales) as a decimal comma.
 */
export function secondsToMs(raw: unknown): number {
  if (typeof raw !== 'string') return 0;
  const plain = plainSeconds(raw);
  if (plain !== undefined) return plain > 0 ? Math.round(plain * 1e6) / 1e3 : 0;
  let s = raw.trim();
  if (s === '') return 0;
  if (s.indexOf(',') !== -1) s = s.indexOf('.') !== -1 ? s.replaceAll(',', '') : s.replace(',', '.');
  const seconds = Number(s);
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1e6) / 1e3 : 0;
}

/**
 * `Number(raw)` for the usual `12` or `0.123`, without the generic number parser: with at most
 * 15 digits the digits and the power of ten are exact doubles, so one division rounds the same.
 */
function plainSeconds(raw: string): number | undefined {
  let digits = 0;
  let scale = 1;
  let dot = false;
  let value = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 46 && !dot && digits > 0) {
      dot = true;
      continue;
    }
    if (c < 48 || c > 57 || ++digits > 15) return undefined;
    value = value * 10 + (c - 48);
    if (dot) scale *= 10;
  }
  return digits > 0 && raw.charCodeAt(raw.length - 1) !== 46 ? value / scale : undefined;
}

/** A positive integer attribute (e.g. `line`), else undefined. */
export function positiveInt(raw: unknown): number | undefined {
  if (typeof raw !== 'string') return undefined;
  const n = Number(raw.trim());
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** A non-negative integer count attribute, else undefined. */
export function countAttr(raw: unknown): number | undefined {
  if (typeof raw !== 'string') return undefined;
  const n = Number(raw.replaceAll(',', '').trim());
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** Keeps at most `max` characters, saying how much was dropped. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const marker = `\n… [${text.length - max} characters truncated by atqos]`;
  return text.slice(0, Math.max(0, max - marker.length)) + marker;
}
