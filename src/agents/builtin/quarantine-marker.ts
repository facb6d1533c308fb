/** What goes into a quarantine marker, taken from the task. */
export interface QuarantineText {
  reason: string;
  issue: string;
}

const URL = /https?:\/\/[^\s)\]>"']+/;
const MAX_REASON = 200;

/** Reason and issue link from a task title: the first URL is the issue, the rest the reason. */
export function quarantineText(title: string): QuarantineText {
  const url = URL.exec(title)?.[0];
  const reason = (url ? title.replace(url, '') : title).replace(/\(\s*\)/g, '').replace(/\s+/g, ' ').trim();
  return { reason: reason.slice(0, MAX_REASON) || 'flaky test', issue: url ?? 'no issue link yet' };
}

/** Text safe inside any Python string literal: backslashes and both quotes escaped, no control characters. */
export function pythonStringContent(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/'/g, "\\'");
}

/** The marker line for `template`, with its placeholders filled. */
export function renderMarker(template: string, text: QuarantineText): string {
  // Function replacers: a `$&` in a test's title must stay literal text.
  return template.replaceAll('{reason}', () => pythonStringContent(text.reason)).replaceAll('{issue}', () => pythonStringContent(text.issue));
}

/**
 * The part of the template before its first placeholder, whitespace collapsed: a decorator that
 * starts with it is an earlier quarantine by the same template, whatever its reason was.
 * Whitespace is removed so that reformatting does not hide it.
 */
export function markerPrefix(template: string): string {
  const cut = template.search(/\{(?:reason|issue)\}/);
  return collapse(cut === -1 ? template : template.slice(0, cut));
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, '').trim();
}
