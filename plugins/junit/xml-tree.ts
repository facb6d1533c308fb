import { decodeXml, normalizeNewlines } from './xml-text.js';

/** An element as fast-xml-parser returns it: an object, or a plain string for text-only/empty elements. */
export type XmlNode = Record<string, unknown>;

export function children(node: unknown, tag: string): unknown[] {
  if (typeof node !== 'object' || node === null) return [];
  const v = (node as XmlNode)[tag];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** A decoded attribute value, or undefined when absent. */
export function attr(node: unknown, name: string): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const v = (node as XmlNode)[`@_${name}`];
  return typeof v === 'string' ? decodeXml(v) : undefined;
}

/** Raw (undecoded) attribute value, for numbers that need no decoding. */
export function rawAttr(node: unknown, name: string): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const v = (node as XmlNode)[`@_${name}`];
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
