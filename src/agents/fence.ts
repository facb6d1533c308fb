/** Characters of one piece of untrusted text kept in instructions; the rest is cut with a note. */
export const MAX_FENCED_CHARS = 8_000;

// C0 controls other than tab and newline, DEL, and the bidi overrides that can make text read
// differently from what it is (trojan-source style).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Fences untrusted text as a markdown code block that the text cannot close: the fence is one
 * backtick longer than the longest backtick run inside. Control characters are dropped and long
 * text is cut, so what the agent reads is exactly what sits between the fences.
 */
export function fenceData(text: string, info = 'text', maxChars = MAX_FENCED_CHARS): string {
  const clean = clip(text.replace(/\r\n?/g, '\n').replace(INVISIBLE, ''), maxChars);
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(clean) + 1));
  return `${fence}${info}\n${clean}\n${fence}`;
}

/** Fences a value as pretty JSON, so paths and argv with odd characters stay unambiguous. */
export function fenceJson(value: unknown): string {
  return fenceData(JSON.stringify(value, null, 2), 'json', Number.POSITIVE_INFINITY);
}

export function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

function clip(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, maxChars)}\n[atqos: ${text.length - maxChars} more characters cut]`;
}
