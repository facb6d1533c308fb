/** Lone UTF-16 surrogates (a file name that was not valid UTF-8): encodeURIComponent throws on them. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A repo-relative posix path as a SARIF `artifactLocation.uri` (a relative URI reference, RFC 3986):
 * every segment percent-encoded, so `#`, `?`, `%`, spaces and a `:` in the first segment (which
 * would read as a scheme) stay part of the path. `encodeURI` leaves `#` and `?` alone: a file named
 * `a#1.py` would become the URI `a` with fragment `1.py`.
 */
export function artifactUri(file: string): string {
  return file.replace(LONE_SURROGATE, '\uFFFD').split('/').map(encodeURIComponent).join('/');
}
