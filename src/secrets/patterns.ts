/**
 * A token shape worth redacting even when its value is unknown. `source` is a regex source
 * without flags; when `keepPrefix` is set, capture group 1 is context (a header name, a URL
 * user) that stays readable and only the rest is redacted.
 */
export interface TokenPattern {
  kind: string;
  source: string;
  keepPrefix?: boolean;
}

// Left boundaries stop a pattern from starting inside a longer word ("task-…" is not "sk-…"),
// right boundaries stop a bounded token from matching the head of a longer identifier.
const NOT_AFTER_WORD = '(?<![A-Za-z0-9_-])';
const NOT_BEFORE_ALNUM = '(?![A-Za-z0-9])';
// The password part of a URL; never quotes, backslashes or brackets, so a redaction cannot
// swallow the syntax of the JSON or markup around it.
const URL_SECRET = `[^@\\s/"'\\\\<>,;]{8,}`;

/**
 * Known token shapes, most specific first: where two could match at one place the first wins,
 * so `sk-ant-…` is named anthropic, not openai. None matches plain hex, so fingerprints and git
 * SHAs stay readable.
 */
export const TOKEN_PATTERNS: readonly TokenPattern[] = [
  { kind: 'github-pat', source: `${NOT_AFTER_WORD}github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}${NOT_BEFORE_ALNUM}` },
  { kind: 'github-token', source: `${NOT_AFTER_WORD}gh[pousr]_[A-Za-z0-9]{36,251}${NOT_BEFORE_ALNUM}` },
  { kind: 'anthropic-key', source: `${NOT_AFTER_WORD}sk-ant-[A-Za-z0-9_-]{20,}` },
  { kind: 'openai-key', source: `${NOT_AFTER_WORD}sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}` },
  { kind: 'openai-key', source: `${NOT_AFTER_WORD}sk-[A-Za-z0-9_-]{20,}` },
  { kind: 'aws-access-key', source: '(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])' },
  { kind: 'authorization', source: '(\\bAuthorization["\']?\\s*[:=]\\s*["\']?(?:(?:Bearer|Basic|token|Token|Bot)\\s+)?)[A-Za-z0-9._~+/=-]{16,}', keepPrefix: true },
  { kind: 'bearer', source: '(\\b[Bb]earer\\s+)[A-Za-z0-9._~+/=-]{16,}', keepPrefix: true },
  { kind: 'x-access-token', source: `(x-access-token:)${URL_SECRET}(?=@)`, keepPrefix: true },
  // A look-behind, so that a more specific pattern (x-access-token) starting later still wins.
  { kind: 'url-password', source: `(?<=://[^/\\s:@"'\\\\]{1,64}:)${URL_SECRET}(?=@)` },
];

/** The longest text a bounded pattern needs to be recognised (header prefix + shortest token). */
export const PATTERN_WINDOW = 256;
