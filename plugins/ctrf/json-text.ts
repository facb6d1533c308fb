/**
 * Whether a JSON text ends while a string, object or array is still open: a report cut off
 * mid-write. Checked by scanning rather than from JSON.parse's message, which differs between
 * Node versions.
 */
export function endsInsideJson(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) depth--;
  }
  return inString || depth > 0;
}

/** The first `n` characters of a text, quoted, for error messages. */
export function quoteStart(text: string, n = 40): string {
  return JSON.stringify(text.trimStart().slice(0, n));
}
