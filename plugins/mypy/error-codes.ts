const DOCS = 'https://mypy.readthedocs.io/en/stable';

/** Codes documented on the "optional checks" page; every other code is on the main list. */
const OPTIONAL = new Set([
  'type-arg', 'no-untyped-def', 'redundant-cast', 'redundant-self', 'comparison-overlap', 'no-untyped-call',
  'no-any-return', 'no-any-unimported', 'unreachable', 'redundant-expr', 'possibly-undefined', 'truthy-bool',
  'truthy-iterable', 'ignore-without-code', 'unused-awaitable', 'unused-ignore', 'explicit-override',
  'mutable-override', 'unimported-reveal', 'deprecated', 'exhaustive-match', 'untyped-decorator',
]);

/** The documentation of a mypy error code (each has a `code-<code>` anchor). */
export function errorCodeUrl(code: string): string {
  return `${DOCS}/${OPTIONAL.has(code) ? 'error_code_list2' : 'error_code_list'}.html#code-${code}`;
}
