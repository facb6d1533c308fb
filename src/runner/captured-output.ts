/**
 * In-memory collectors for `runCaptured`. Both keep draining past their cap, so a child writing
 * more than we keep never blocks on a full pipe, and both count what they dropped.
 */
export interface Collector {
  push(chunk: Buffer): void;
  /** Bytes that arrived, kept and dropped alike. */
  readonly bytes: number;
  readonly dropped: number;
  take(): Buffer;
}

/** Keeps the first `maxBytes` bytes: the part a parser reads. */
export function headCollector(maxBytes: number): Collector {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let kept = 0;
  return {
    push(chunk) {
      bytes += chunk.length;
      const room = maxBytes - kept;
      if (room <= 0) return;
      const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
      chunks.push(part);
      kept += part.length;
    },
    get bytes() {
      return bytes;
    },
    get dropped() {
      return bytes - kept;
    },
    take: () => Buffer.concat(chunks, kept),
  };
}

/** Keeps the last `maxBytes` bytes: the part where a failing program says why. */
export function tailCollector(maxBytes: number): Collector {
  let chunks: Buffer[] = [];
  let bytes = 0;
  let held = 0;
  const trim = (): void => {
    const all = Buffer.concat(chunks, held);
    chunks = [all.subarray(all.length - maxBytes)];
    held = maxBytes;
  };
  return {
    push(chunk) {
      bytes += chunk.length;
      chunks.push(chunk);
      held += chunk.length;
      // Trim in batches, not per chunk, so a chatty child costs linear time.
      if (held > 2 * maxBytes) trim();
    },
    get bytes() {
      return bytes;
    },
    get dropped() {
      return Math.max(0, bytes - maxBytes);
    },
    take() {
      if (held > maxBytes) trim();
      return Buffer.concat(chunks, held);
    },
  };
}
