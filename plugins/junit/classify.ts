import type { Category } from '../../src/core/index.js';

// Ordered: the first rule that matches wins. Timeouts often mention assertions
// ("Timed out waiting for expect(...)"), so they come first.
const RULES: [Category, RegExp][] = [
  ['timeout', /timed? ?out\b|timeout|deadline exceeded/i],
  ['network', /connection (?:refused|reset|aborted)|econn(?:refused|reset)|enotfound|getaddrinfo|name or service not known|network is unreachable|connect(?:ion)?(?:error|exception)|unknownhost|ssl(?:error|handshake)/i],
  ['auth', /\bunauthori[sz]ed\b|\bforbidden\b|permission denied|authentication failed|invalid credentials/i],
  ['assertion', /assert|expect\(|\bexpected\b|comparisonfailure|failed asserting/i],
];
const EXCEPTION = /(?:error|exception|panic|fault)\b/i;

/**
 * A generic guess at why a test failed, from the result element's type, message and the start
 * of its text. Tool-specific plugins (pytest) classify more precisely.
 */
export function classifyFailure(type: string | undefined, message: string | undefined, details: string | undefined): Category {
  const text = `${type ?? ''}\n${message ?? ''}\n${(details ?? '').slice(0, 2000)}`;
  for (const [category, rule] of RULES) if (rule.test(text)) return category;
  return EXCEPTION.test(text) ? 'exception' : 'unknown';
}

const EXCEPTION_NAME = /^\s*([A-Za-z_$][\w.$]*(?:Error|Exception|Failure|Exit|Interrupt|Warning))\b/;

/** The exception class a result names: its `type` attribute, else a `SomeError:` message prefix. */
export function exceptionType(type: string | undefined, message: string | undefined, details: string | undefined): string | undefined {
  if (type && type.trim() !== '' && type !== 'FAILURE' && !type.startsWith('pytest.')) return type.trim();
  return EXCEPTION_NAME.exec(message ?? '')?.[1] ?? EXCEPTION_NAME.exec(firstLine(details ?? ''))?.[1];
}

/** First non-blank line, trimmed. */
export function firstLine(text: string): string {
  // As `text.split('\n', 20)` would see it, without building the array.
  let start = 0;
  for (let n = 0; n < 20; n++) {
    const nl = text.indexOf('\n', start);
    const line = text.slice(start, nl === -1 ? text.length : nl).trim();
    if (line !== '' || nl === -1) return line;
    start = nl + 1;
  }
  return '';
}
