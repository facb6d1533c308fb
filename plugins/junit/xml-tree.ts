import { decodeXml, normalizeNewlines } from './xml-text.js';

/** An element as fast-xml-parser returns it: an object, or a plain string for text-only/empty elements. */
export type XmlNode = Record<string, unknown>;

const NONE: readonly unknown[] = Object.freeze([]);

export function children(node: unknown, tag: string): readonly unknown[] {
  if (typeof node !== 'object' || node === null) return NONE;
  const v = (node as XmlNode)[tag];
  return v === undefined ? NONE : Array.isArray(v) ? v : [v];
}

// Attribute keys are passed with the parser's `@_` prefix already on: building the key per
// lookup showed up in profiles of 100,000-case reports.

/** A decoded attribute value, or undefined when absent. `key` is `@_<name>`. */
export function attr(node: unknown, key: `@_${string}`): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const v = (node as XmlNode)[key];
  return typeof v === 'string' ? decodeXml(v) : undefined;
}

/** Raw (undecoded) attribute value, for numbers that need no decoding. `key` is `@_<name>`. */
export function rawAttr(node: unknown, key: `@_${string}`): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const v = (node as XmlNode)[key];
  return typeof v === 'string' ? v : undefined;
}

/** Element text: entity-decoded text plus CDATA sections as written. */
export function textOf(node: unknown): string {
  if (typeof node === 'string') return normalizeNewlines(decodeXml(node));
  if (typeof node !== 'object' || node === null) return '';
  const n = node as XmlNode;
  const text = typeof n['#text'] === 'string' ? decodeXml(n['#text']) : '';
  const cdata = n['#cdata'];
  if (cdata === undefined) return normalizeNewlines(text);
  const sections = (Array.isArray(cdata) ? cdata : [cdata]).filter((c): c is string => typeof c === 'string');
  return normalizeNewlines([text, ...sections].filter((s) => s !== '').join('\n'));
}
