import { repoRelative, toPosix } from '../../core/index.js';
import { mdCell } from '../../reports/index.js';
import type { RepoRef } from '../publish-plan.js';

/** GitHub's limit on an issue or PR body, a comment, and a check run's summary and text. */
export const GITHUB_TEXT_LIMIT = 65_535;

// Tab and newline stay; other C0/C1 controls (terminal escapes) and bidi overrides (text that
// reads differently than it is) never reach a reader. One pass: bodies carry a lot of test output.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /\r\n?|<!--|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function replaceUnsafe(match: string): string {
  if (match === '<!--') return '<!-\u200b-';
  return match[0] === '\r' ? '\n' : '';
}

/**
 * Untrusted text (test output, test names, tool errors) made safe to embed: newlines normalised,
 * control characters gone, and every `<!--` broken with a zero-width space so that nothing a test
 * prints can pose as one of our hidden markers or open a comment that hides the rest of a body.
 */
export function untrusted(text: string): string {
  return text.replace(UNSAFE, replaceUnsafe);
}

/** A table cell from untrusted text: one line, escaped, at most `max` characters. */
export function cell(text: string, max = 120): string {
  return mdCell(untrusted(text), max);
}

/** One line of untrusted text for a title: whitespace collapsed, cut to `max` with an ellipsis. */
export function oneLine(text: string, max: number): string {
  const flat = untrusted(text).replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${safeSlice(flat, max - 1)}…`;
}

/** The note a cut text ends with, pointing to where the whole text is. */
export function cutNote(reportUrl?: string): string {
  const where = reportUrl ? `the full report: ${reportUrl}` : 'see the run directory (`.atqos/runs/<run-id>/`) for the full text';
  return `\n\n_✂️ Cut to fit GitHub's limits; ${where}_`;
}

/**
 * `text` if it fits in `max` characters, else its head cut at a line boundary plus a note with the
 * link to the full report. A fenced block left open by the cut is closed, and a single line too
 * long to keep is cut before any `<!--` whose comment would be split.
 */
export function cut(text: string, max: number, reportUrl?: string): string {
  if (text.length <= max) return text;
  const note = cutNote(reportUrl);
  for (let room = max - note.length; ; ) {
    if (room <= 0) return safeSlice(text, max);
    const head = headAtLine(text, room);
    const fence = openFence(head);
    const closed = fence ? `${head}\n${fence}` : head;
    if (closed.length <= room) return `${closed}${note}`;
    room -= closed.length - room;
  }
}

function headAtLine(text: string, room: number): string {
  const nl = text.lastIndexOf('\n', room);
  if (nl > 0) return text.slice(0, nl).trimEnd();
  const head = safeSlice(text, room);
  const open = head.lastIndexOf('<!--');
  return open >= 0 && !head.includes('-->', open) ? head.slice(0, open) : head;
}

/** The fence that is still open at the end of `markdown`, or undefined. */
function openFence(markdown: string): string | undefined {
  let open: string | undefined;
  for (const line of markdown.split('\n')) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (!m) continue;
    const run = m[1] as string;
    if (open === undefined) open = run;
    else if (run[0] === open[0] && run.length >= open.length && line.trim() === run) open = undefined;
  }
  return open;
}

/** A fenced code block of untrusted text whose fence no line inside can close; cut to `max`. */
export function codeBlock(text: string, max: number, reportUrl?: string, lang = 'text'): string {
  const clean = trimNewlines(untrusted(text));
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(clean) + 1));
  const overhead = fence.length * 2 + lang.length + 2;
  const note = cutNote(reportUrl);
  if (clean.length + overhead <= max) return `${fence}${lang}\n${clean}\n${fence}`;
  const body = headAtLine(clean, Math.max(0, max - overhead - note.length));
  return `${fence}${lang}\n${body}\n${fence}${note}`;
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  if (!text.includes('`')) return 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return longest;
}

function trimNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end -= 1;
  return end === text.length ? text : text.slice(0, end);
}

/** Cuts to at most `n` UTF-16 units without splitting a surrogate pair. */
function safeSlice(text: string, n: number): string {
  if (n <= 0) return '';
  const code = text.charCodeAt(n - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}

/** `path` as a repo-relative posix path, or undefined when it is absolute or leaves the repo. */
export function repoPath(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const posix = toPosix(path);
  if (posix.startsWith('/') || /^[A-Za-z]:\//.test(posix)) return undefined;
  const rel = repoRelative(posix, '');
  return rel && rel !== '.' ? rel : undefined;
}

/** Link to `path` (repo-relative) at `sha`, to `line` when known; each path segment URL-encoded. */
export function permalink(repo: RepoRef, sha: string, path: string, line?: number): string {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  const base = `https://github.com/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}/blob/${sha}/${encoded}`;
  return line ? `${base}#L${line}` : base;
}

/** A link whose text is untrusted. */
export function link(text: string, url: string, max = 120): string {
  return `[${cell(text, max)}](${url})`;
}

/** Inline code of untrusted text (one line), delimited so no backtick inside can end it. */
export function code(text: string, max = 80): string {
  const flat = oneLine(text, max).replace(/\|/g, '\\|');
  const fence = '`'.repeat(longestBacktickRun(flat) + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
