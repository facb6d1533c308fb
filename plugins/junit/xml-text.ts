const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Decodes the five predefined XML entities and numeric character references.
 * The parser runs with entity processing off (no DTD, no expansion); this is the only decoding
 * a report gets. Unknown or out-of-range references stay as written.
 */
export function decodeXml(text: string): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, named: string | undefined) => {
    if (named !== undefined) return NAMED[named] ?? whole;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
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
  let s = raw.trim();
  if (s === '') return 0;
  if (s.indexOf(',') !== -1) s = s.indexOf('.') !== -1 ? s.replaceAll(',', '') : s.replace(',', '.');
  const seconds = Number(s);
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1e6) / 1e3 : 0;
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
