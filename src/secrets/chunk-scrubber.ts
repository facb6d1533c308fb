import { Transform } from 'node:stream';
import { applyMatches } from './scrubber.js';
import type { SecretScrubber } from './scrubber.js';

// Already-written bytes kept for look-behind checks, so "task-…" split as "ta" + "sk-…" is
// still seen as one word.
const CONTEXT = 128;
// A token still growing at the end of the input is held at most this long before it is written.
const MAX_HOLD = 64 * 1024;

/**
 * Scrubs a byte stream chunk by chunk. Bytes are handled as latin1 (one char per byte), so any
 * encoding, or none, passes through unchanged except for the secrets. The last `window` bytes
 * (and any match touching them) are held back until more arrives or the stream ends, so a
 * secret split across chunks is redacted whole.
 */
export class ChunkScrubber {
  private carry = '';
  private context = '';
  /** Secrets redacted so far. */
  redacted = 0;

  constructor(private readonly scrubber: SecretScrubber) {}

  /** The scrubbed bytes that are safe to write now. */
  push(chunk: Buffer): Buffer {
    return this.take(chunk.toString('latin1'), false);
  }

  /** Everything still held, scrubbed; call once when the input ends. */
  end(): Buffer {
    return this.take('', true);
  }

  private take(more: string, final: boolean): Buffer {
    const text = this.context + this.carry + more;
    const from = this.context.length;
    const matches = this.scrubber.matchBytes(text, from);
    const cut = final || text.length - from > MAX_HOLD ? text.length : this.safeCut(text, from, matches);
    const kept = matches.filter((m) => m.end <= cut);
    this.redacted += kept.length;
    const out = applyMatches(text, kept, from, cut);
    this.carry = text.slice(cut);
    this.context = text.slice(Math.max(0, cut - CONTEXT), cut);
    return Buffer.from(out, 'latin1');
  }

  /** Where to stop writing: before the window, never inside a match or before one that may grow. */
  private safeCut(text: string, from: number, matches: readonly { start: number; end: number }[]): number {
    let cut = Math.max(from, text.length - this.scrubber.window);
    for (const m of matches) {
      if ((m.start < cut && m.end > cut) || m.end === text.length) cut = Math.min(cut, m.start);
    }
    return cut;
  }
}

/** A Transform that scrubs the bytes flowing through it; `chunks.redacted` counts what it did. */
export function scrubTransform(scrubber: SecretScrubber, chunks = new ChunkScrubber(scrubber)): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const out = chunks.push(chunk);
      done(null, out.length ? out : undefined);
    },
    flush(done) {
      const out = chunks.end();
      done(null, out.length ? out : undefined);
    },
  });
}

/** `bytes` with every secret redacted, any encoding kept byte for byte. */
export function scrubBytes(bytes: Buffer, scrubber: SecretScrubber): Buffer {
  const text = bytes.toString('latin1');
  const found = scrubber.matchBytes(text, 0);
  return found.length ? Buffer.from(applyMatches(text, found), 'latin1') : bytes;
}
