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
const ASSERTION_ONLY = RULES.filter(([c]) => c === 'assertion');
// Timeouts, network and auth are rare: one pass of their union rules all three out at once, and
// only a text it matches goes through the rules one by one.
const RARE = new RegExp(RULES.filter(([c]) => c !== 'assertion').map(([, rule]) => rule.source).join('|'), 'i');

/**
 * A generic guess at why a test failed, from the result element's type, message and the start
 * of its text. Tool-specific plugins (pytest) classify more precisely.
 */
export function classifyFailure(type: string | undefined, message: string | undefined, details: string | undefined): Category {
  // The rules read `type \n message \n details[:2000]`. No rule can match a newline, and a
  // newline is a word boundary like the ends of a string, so each part is tested on its own
  // rather than joined into a fresh string per failure.
  const parts = [type ?? '', message ?? '', (details ?? '').slice(0, 2000)] as const;
  const rules = matchesAny(RARE, parts) ? RULES : ASSERTION_ONLY;
  for (const [category, rule] of rules) if (matchesAny(rule, parts)) return category;
  return matchesAny(EXCEPTION, parts) ? 'exception' : 'unknown';
}

function matchesAny(rule: RegExp, parts: readonly [string, string, string]): boolean {
  return rule.test(parts[0]) || rule.test(parts[1]) || rule.test(parts[2]);
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
