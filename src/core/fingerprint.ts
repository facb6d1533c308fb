import { hash } from 'node:crypto';

/**
 * Replaces the parts of a message that change between runs of the same problem:
 * known roots (repo, run dir), temp dirs, other absolute paths, memory addresses, timestamps,
 * UUIDs, line numbers, durations and long floats. What remains is the problem's shape.
 */
export function normalizeVolatile(text: string, roots: readonly string[] = []): string {
  const out = replaceRoots(text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text, roots);
  return out
    .replace(/(?:[A-Za-z]:)?[\\/](?:tmp|temp|var[\\/]folders|private[\\/]var|Users[\\/][^\\/\s]+[\\/]AppData[\\/]Local[\\/]Temp)[\\/][^\s'",:)\]]*/gi, '<tmp>')
    .replace(/(?<![\w<>.])(?:[A-Za-z]:\\|\/)(?:[^\s'",:()[\]<>]+[\\/])+([^\s'",:()[\]<>\\/]+)/g, '<abs>/$1')
    .replace(/\b0x[0-9a-fA-F]{4,}\b/g, '0x?')
    .replace(/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<ts>')
    .replace(/\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g, '<time>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>')
    .replace(/\b(line|lineno|Line)\s+\d+/g, '$1 ?')
    .replace(/(\.\w{1,5}|<tmp>|<root>[^\s:]*):\d+(?::\d+)?\b/g, '$1:?')
    .replace(/\b\d+(?:\.\d+)?\s?(?:ms|s|sec|seconds)\b/g, '<dur>')
    .replace(/\b\d+\.\d{4,}\b/g, '<float>')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

function replaceRoots(text: string, roots: readonly string[]): string {
  let out = text;
  for (const root of [...roots].filter(Boolean).sort((a, b) => b.length - a.length)) {
    const bare = root.replace(/[\\/]+$/, '');
    if (bare && out.includes(bare)) out = out.split(bare).join('<root>');
  }
  return out;
}

/**
 * A test id with only what cannot be part of a test's identity replaced: known roots, temp dirs,
 * memory addresses, UUIDs and timestamps. Not `normalizeVolatile`, which also folds numbers,
 * durations and `line N` — legitimate parametrize ids (`test_round[1.5s]` vs `[2.5s]`).
 */
export function stableId(id: string, roots: readonly string[] = []): string {
  return replaceRoots(id, roots)
    .replace(/(?:[A-Za-z]:)?[\\/](?:tmp|temp|var[\\/]folders|private[\\/]var)[\\/][^\s'",:)\]]*/gi, '<tmp>')
    .replace(/\b0x[0-9a-fA-F]{4,}\b/g, '0x?')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>')
    .replace(/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?/g, '<ts>');
}

/** The first meaningful line of a message, normalized: the signature of a failure. */
export function messageSignature(message: string, roots: readonly string[] = []): string {
  let first = '';
  for (let start = 0; start <= message.length; ) {
    const nl = message.indexOf('\n', start);
    const end = nl === -1 ? message.length : nl;
    first = message.slice(start, end).trim();
    if (first || nl === -1) break;
    start = nl + 1;
  }
  return normalizeVolatile(first, roots).slice(0, 300);
}

/**
 * A stable id for a problem. Parts are joined unambiguously and hashed; callers pass
 * tool, kind, a location key (node id, repo-relative file, symbol — never line numbers or
 * absolute paths) and a normalized signature.
 */
export function fingerprint(parts: readonly (string | undefined)[]): string {
  // Length-prefixed parts, hashed in one call: a hash object per finding costs more than the
  // rest of a fingerprint on reports with tens of thousands of failures.
  let data = '';
  for (const p of parts) {
    const s = p ?? '';
    data += `${s.length}:${s}\u0000`;
  }
  return hash('sha256', data, 'hex').slice(0, 40);
}
