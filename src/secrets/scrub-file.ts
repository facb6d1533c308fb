import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { ChunkScrubber, scrubTransform } from './chunk-scrubber.js';
import type { SecretScrubber } from './scrubber.js';

/**
 * Rewrites the file at `file` with its secrets redacted, streaming, so a log of any size is
 * never held in memory. A file without secrets is left untouched (same bytes, same mtime); one
 * with secrets is replaced atomically (temp file + rename). Returns how many were redacted.
 */
export async function scrubFile(file: string, scrubber: SecretScrubber): Promise<number> {
  const tmp = `${file}.${process.pid}.scrub`;
  const chunks = new ChunkScrubber(scrubber);
  try {
    await pipeline(fs.createReadStream(file), scrubTransform(scrubber, chunks), fs.createWriteStream(tmp));
    if (chunks.redacted > 0) fs.renameSync(tmp, file);
    return chunks.redacted;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
