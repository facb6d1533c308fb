import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { ChunkScrubber } from './chunk-scrubber.js';
import type { SecretScrubber } from './scrubber.js';

/**
 * Rewrites the file at `file` with its secrets redacted, streaming, so a log of any size is
 * never held in memory. A file without secrets is left untouched (same bytes, same mtime); one
 * with secrets is replaced atomically (temp file + rename). Returns how many were redacted.
 */
export async function scrubFile(file: string, scrubber: SecretScrubber): Promise<number> {
  const tmp = `${file}.${process.pid}.scrub`;
  const chunks = new ChunkScrubber(scrubber);
  const out = fs.createWriteStream(tmp);
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const scrubbed = chunks.push(chunk);
      if (scrubbed.length === 0 || out.write(scrubbed)) done();
      else out.once('drain', () => done());
    },
    final(done) {
      out.end(chunks.end(), () => done());
    },
  });
  try {
    await pipeline(fs.createReadStream(file), sink);
    await new Promise<void>((resolve, reject) => (out.closed ? resolve() : out.once('close', resolve).once('error', reject)));
    if (chunks.redacted > 0) fs.renameSync(tmp, file);
    return chunks.redacted;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
