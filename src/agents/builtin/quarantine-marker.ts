import { findingRef } from './quarantine-tag.js';

/** What goes into a quarantine marker, taken from the task. */
export interface QuarantineText {
  reason: string;
  issue: string;
}

const URL = /https?:\/\/[^\s)\]>"']+/;
const MAX_REASON = 200;

/**
 * Reason and issue link from a task: the first URL in the title is the issue, the rest the
 * reason. Without a URL the issue is a reference to the task's first finding
 * (`atqos finding <fp12>`), which the Publisher turns into that finding's issue URL.
 */
export function quarantineText(title: string, findings: readonly string[] = []): QuarantineText {
  const url = URL.exec(title)?.[0];
  const reason = (url ? title.replace(url, '') : title).replace(/\(\s*\)/g, '').replace(/\s+/g, ' ').trim();
  const ref = findings[0] ? findingRef(findings[0]) : 'no issue link yet';
  return { reason: reason.slice(0, MAX_REASON) || 'flaky test', issue: url ?? ref };
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
