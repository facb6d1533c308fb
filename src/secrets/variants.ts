import { MIN_SECRET_LENGTH } from './credential-names.js';

/**
 * Forms a secret takes when it is written somewhere else than as itself: URL-encoded (a token in
 * a clone URL), JSON-escaped (a value with quotes inside a serialized report) and base64 at each
 * of the three byte alignments it can have inside a longer base64 text (Basic auth headers,
 * encoded configs), standard and URL-safe alphabets. Only the characters that depend on the
 * secret alone are kept, so a match does not depend on what surrounds it.
 */
export function encodedVariants(value: string): string[] {
  const out = new Set<string>([value]);
  out.add(encodeURIComponent(value));
  out.add(JSON.stringify(value).slice(1, -1));
  const bytes = Buffer.from(value, 'utf8');
  for (const shift of [0, 1, 2]) {
    const b64 = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const from = Math.ceil((8 * shift) / 6);
    const to = Math.floor((8 * (shift + bytes.length)) / 6);
    const core = b64.slice(from, to);
    if (core.length < MIN_SECRET_LENGTH) continue;
    out.add(core);
    out.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...out];
}
