import { secretsFromEnv } from './credential-names.js';
import type { KnownSecret } from './credential-names.js';
import { PATTERN_WINDOW, TOKEN_PATTERNS } from './patterns.js';
import type { TokenPattern } from './patterns.js';
import { encodedVariants } from './variants.js';

/** One secret found in a text: where it is and what replaces it. */
export interface SecretMatch {
  start: number;
  end: number;
  /** The variable name or the pattern kind, as shown in the marker. */
  label: string;
  replacement: string;
}

export interface ScrubberOptions {
  /** Known secret values by name (e.g. from the environment). */
  secrets?: readonly KnownSecret[];
  /** Token shapes; defaults to TOKEN_PATTERNS. */
  patterns?: readonly TokenPattern[];
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** The text that replaces a secret. */
export function redactionMarker(label: string): string {
  return `[REDACTED:${label}]`;
}

/** Finds secrets in one text encoding: JS strings, or byte strings (latin1, one char per byte). */
class Matcher {
  private readonly all: RegExp;
  private readonly byValue = new Map<string, string>();
  private readonly sticky: { pattern: TokenPattern; re: RegExp }[];

  constructor(secrets: readonly KnownSecret[], patterns: readonly TokenPattern[], encode: (s: string) => string) {
    for (const s of secrets) for (const v of encodedVariants(s.value)) if (!this.byValue.has(encode(v))) this.byValue.set(encode(v), s.name);
    // Longest first: a secret that contains another is redacted whole, under its own name.
    const literals = [...this.byValue.keys()].sort((a, b) => b.length - a.length).map(escapeRegex);
    this.all = new RegExp([...literals, ...patterns.map((p) => `(?:${p.source})`)].join('|'), 'g');
    this.sticky = patterns.map((pattern) => ({ pattern, re: new RegExp(pattern.source, 'y') }));
  }

  matches(text: string, from: number): SecretMatch[] {
    const found: SecretMatch[] = [];
    this.all.lastIndex = from;
    for (let m = this.all.exec(text); m; m = this.all.exec(text)) {
      if (m[0] === '') {
        this.all.lastIndex++;
        continue;
      }
      found.push(this.describe(text, m.index, m[0]));
    }
    return found;
  }

  private describe(text: string, start: number, hit: string): SecretMatch {
    const end = start + hit.length;
    const name = this.byValue.get(hit);
    if (name !== undefined) return { start, end, label: name, replacement: redactionMarker(name) };
    for (const { pattern, re } of this.sticky) {
      re.lastIndex = start;
      const m = re.exec(text);
      if (!m || m[0].length !== hit.length) continue;
      const prefix = pattern.keepPrefix ? (m[1] ?? '') : '';
      return { start, end, label: pattern.kind, replacement: `${prefix}${redactionMarker(pattern.kind)}` };
    }
    return { start, end, label: 'secret', replacement: redactionMarker('secret') };
  }
}

/** `text` with every match replaced; matches are sorted and do not overlap. */
export function applyMatches(text: string, matches: readonly SecretMatch[], from = 0, to = text.length): string {
  let out = '';
  let at = from;
  for (const m of matches) {
    if (m.start < from || m.end > to) continue;
    out += text.slice(at, m.start) + m.replacement;
    at = m.end;
  }
  return out + text.slice(at, to);
}

/**
 * Redacts known secret values (and their URL, JSON and base64 forms) and token patterns
 * (GitHub, Anthropic, OpenAI, AWS, bearer and Authorization headers, URL credentials) from text
 * and JSON-like values. Redaction only changes what is persisted or printed, never what ATQOS
 * decides: callers scrub at the point of writing.
 */
export class SecretScrubber {
  private readonly text: Matcher;
  private bytes?: Matcher;
  /** Characters a stream must hold back so a secret split across chunks is still seen whole. */
  readonly window: number;

  constructor(private readonly opts: ScrubberOptions = {}) {
    this.text = new Matcher(opts.secrets ?? [], opts.patterns ?? TOKEN_PATTERNS, (s) => s);
    const longest = (opts.secrets ?? []).flatMap((s) => encodedVariants(s.value)).reduce((n, v) => Math.max(n, Buffer.byteLength(v)), 0);
    this.window = Math.max(longest, PATTERN_WINDOW);
  }

  /** A scrubber for `env`'s credential-named variables plus `extra` known values. */
  static fromEnv(env: NodeJS.ProcessEnv, extra: readonly KnownSecret[] = []): SecretScrubber {
    return new SecretScrubber({ secrets: [...secretsFromEnv(env), ...extra] });
  }

  /** `text` with every secret replaced by `[REDACTED:<name or kind>]`. */
  scrub(text: string): string {
    const found = this.text.matches(text, 0);
    return found.length ? applyMatches(text, found) : text;
  }

  /** The labels (names or kinds, never values) of the secrets in `text`, in order. */
  find(text: string): string[] {
    return this.text.matches(text, 0).map((m) => m.label);
  }

  /** A copy of a JSON-like value with every string (keys included) scrubbed. */
  scrubDeep<T>(value: T): T {
    return this.deep(value) as T;
  }

  /** Matches in a byte string (latin1: one char per byte), for streams and files of any encoding. */
  matchBytes(binary: string, from: number): SecretMatch[] {
    this.bytes ??= new Matcher(this.opts.secrets ?? [], this.opts.patterns ?? TOKEN_PATTERNS, (s) => Buffer.from(s, 'utf8').toString('latin1'));
    return this.bytes.matches(binary, from);
  }

  private deep(value: unknown): unknown {
    if (typeof value === 'string') return this.scrub(value);
    if (Array.isArray(value)) return value.map((v) => this.deep(v));
    if (value === null || typeof value !== 'object' || value instanceof Date) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.scrub(k), this.deep(v)]));
  }
}
