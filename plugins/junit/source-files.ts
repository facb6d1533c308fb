import type { ReportPaths } from './report-paths.js';

// Found by extension first, then widened backwards over path characters: a single regex with
// the path in front backtracks at every word of a long traceback.
const SOURCE_EXT = /\.(?:py|pyi|ts|tsx|js|jsx|mjs|cjs|go|java|kt|scala|rb|php|cs|rs|swift|feature)\b/g;
const MAX_FILES = 10;
const SCAN_CHARS = 20_000;

/** Repo-relative source files a traceback mentions, in order of appearance, without vendored code. */
export function sourceFilesIn(text: string, paths: ReportPaths): string[] {
  const found: string[] = [];
  const scanned = text.length > SCAN_CHARS ? text.slice(0, SCAN_CHARS) : text;
  SOURCE_EXT.lastIndex = 0;
  // `test` rather than `exec`: no match array per hit. A match is "." plus letters, so it starts
  // at the last "." before its end.
  while (SOURCE_EXT.test(scanned)) {
    const end = SOURCE_EXT.lastIndex;
    const dot = scanned.lastIndexOf('.', end - 1);
    const start = pathStart(scanned, dot);
    if (start === dot) continue;
    const rel = paths.source(scanned.slice(start, end));
    if (rel !== undefined && rel !== '' && !found.includes(rel)) found.push(rel);
    if (found.length >= MAX_FILES) break;
  }
  return found;
}

function pathStart(text: string, end: number): number {
  let i = end;
  while (i > 0 && isPathChar(text.charCodeAt(i - 1))) i--;
  // A Windows drive letter: `C:\src\x.py`.
  if (i >= 2 && text.charCodeAt(i - 1) === 58 && isLetter(text.charCodeAt(i - 2)) && (i === 2 || !isPathChar(text.charCodeAt(i - 3)))) i -= 2;
  return i;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

// Letters, digits, `_`, `.`, `/`, `\`, `@`, `-`.
function isPathChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 47 || c === 92 || c === 64 || c === 45;
}
