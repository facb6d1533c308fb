import { crc32, inflateRawSync } from 'node:zlib';
import { AtqosError } from '../core/index.js';

/* A reader for the one file the App needs from a run artifact. Artifacts are zips written by
 * actions/upload-artifact: stored or deflated entries, no encryption, no zip64 below 4 GiB. */

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const bad = (message: string) => new AtqosError('artifact_zip_invalid', `the run artifact is not a readable zip: ${message}`, {
  hint: 'rerun the ATQOS workflow so it uploads a fresh atqos-run-* artifact',
});

/** Lists the entries of a zip; refuses archives with unsafe names (absolute, `..`, backslashes). */
export function listZip(zip: Buffer): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(eocd + 10);
  const dirOffset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw bad('zip64 archives are not supported');
  const entries: ZipEntry[] = [];
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw bad(`central directory entry ${i} is damaged`);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      flags: zip.readUInt16LE(at + 8),
      method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
    };
    if (!isSafeName(entry.name)) throw bad(`entry name ${JSON.stringify(entry.name)} is absolute or leaves the archive`);
    entries.push(entry);
    at += 46 + skip;
  }
  return entries;
}

/** The bytes of one entry, checked against its size and CRC; refuses entries over `maxBytes`. */
export function readZipEntry(zip: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  if (entry.flags & 1) throw bad(`${entry.name} is encrypted`);
  if (entry.size > maxBytes) {
    throw new AtqosError('artifact_entry_too_large', `${entry.name} is ${entry.size} bytes, over the ${maxBytes}-byte limit`, {
      hint: 'a publish plan this large is not expected; check the run that produced it',
    });
  }
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL_SIGNATURE) throw bad(`local header of ${entry.name} is damaged`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > zip.length) throw bad(`${entry.name} runs past the end of the archive`);
  const data = zip.subarray(start, end);
  const bytes = entry.method === 0 ? Buffer.from(data) : entry.method === 8 ? inflate(data, entry) : undefined;
  if (!bytes) throw bad(`${entry.name} uses compression method ${entry.method} (only stored and deflated are read)`);
  if (bytes.length !== entry.size || crc32(bytes) !== entry.crc) throw bad(`${entry.name} does not match its size or checksum`);
  return bytes;
}

function inflate(data: Buffer, entry: ZipEntry): Buffer {
  try {
    // The cap turns a zip bomb into an error instead of an allocation.
    return inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) });
  } catch (err) {
    throw bad(`${entry.name} does not inflate to its declared size: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function findEndOfCentralDirectory(zip: Buffer): number {
  const lowest = Math.max(0, zip.length - EOCD_MIN - MAX_COMMENT);
  for (let at = zip.length - EOCD_MIN; at >= lowest; at--) {
    if (zip.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  }
  throw bad('no end-of-central-directory record');
}

/** Relative, forward-slash names that stay inside the archive. */
export function isSafeName(name: string): boolean {
  if (!name || name.includes('\0') || name.includes('\\')) return false;
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return false;
  return !name.split('/').some((segment) => segment === '..');
}
