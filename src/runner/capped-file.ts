import { createWriteStream } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { runScrubber, scrubTransform } from '../secrets/index.js';

export interface StreamTally {
  /** Bytes that arrived from the source (after redaction), kept and dropped alike. */
  bytes: number;
  dropped: number;
  /** Set when the file could not be written. */
  error?: string;
}

export function truncationMarker(dropped: number, maxBytes: number): string {
  return `\n[atqos: ${dropped} bytes dropped after cap of ${maxBytes} bytes]\n`;
}

/**
 * Streams `source` into the file at `path`, secrets redacted (before the cap, so a cut never
 * leaves half a secret), keeping the first `maxBytes` bytes. Bytes past the cap
 * are counted and dropped while the source keeps draining, so a child writing gigabytes never
 * blocks on a full pipe and nothing is held in memory. A marker line ends a truncated file.
 */
export async function drainToFile(source: Readable | null | undefined, path: string, maxBytes: number): Promise<StreamTally> {
  const tally: StreamTally = { bytes: 0, dropped: 0 };
  const file = createWriteStream(path);
  try {
    if (!source) {
      await new Promise<void>((resolve, reject) => file.once('error', reject).end(resolve));
      return tally;
    }
    await pipeline(source, scrubTransform(runScrubber()), capBytes(tally, maxBytes), file);
    if (tally.dropped > 0) await appendFile(path, truncationMarker(tally.dropped, maxBytes));
  } catch (err) {
    // A child killed mid-write ends its pipe early; that is not an error of ours. A file we
    // cannot write (disk full, permissions) is, and the caller reports it.
    if (isFileError(err)) tally.error = `writing ${path} failed: ${(err as Error).message}`;
  }
  return tally;
}

function capBytes(tally: StreamTally, maxBytes: number): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const room = Math.max(0, maxBytes - (tally.bytes - tally.dropped));
      tally.bytes += chunk.length;
      if (chunk.length <= room) return done(null, chunk);
      tally.dropped += chunk.length - room;
      done(null, room > 0 ? chunk.subarray(0, room) : undefined);
    },
  });
}

function isFileError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && code !== 'ERR_STREAM_PREMATURE_CLOSE';
}
