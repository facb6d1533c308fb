/**
 * The text every ATQOS quarantine marker carries, whatever the configured template says around
 * it. It is how the builtin fixer (idempotence), the flaky plugin (expiry re-evaluation) and the
 * skip audit (hands off) tell an ATQOS quarantine from a skip or xfail someone wrote by hand. It
 * is a constant, not derived from the template, so that changing the template later never
 * orphans the quarantines already in a repo; the template is checked to contain it.
 */
export const QUARANTINE_TAG = 'quarantined by ATQOS';

/**
 * The placeholder the builtin writes for `{issue}` when the task names no issue URL: a stable,
 * greppable reference to the finding (`atqos finding <fingerprint-12>`). The Publisher replaces
 * it with the finding's issue URL in the lines the fix added, once the issue exists.
 */
export const FINDING_REF_PREFIX = 'atqos finding ';

/** `atqos finding <fp12>` for a finding fingerprint. */
export function findingRef(fingerprint: string): string {
  return `${FINDING_REF_PREFIX}${fingerprint.slice(0, 12)}`;
}

/** Whether a decorator's (or a reason's) text marks an ATQOS quarantine; whitespace is ignored, so reformatting does not hide it. */
export function isAtqosQuarantine(text: string): boolean {
  return collapse(text).includes(collapse(QUARANTINE_TAG));
}

function collapse(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * Whether an ATQOS quarantine was for an obsolete test (the reasons the skip audit and the
 * coverage plugin give say "obsolete test") rather than for flakiness. Such a quarantine ends in
 * deletion through the skip audit, never by the flaky plugin's expiry re-runs: an obsolete test
 * that passes with its quarantine lifted is still obsolete.
 */
export function isObsoleteQuarantine(text: string): boolean {
  return isAtqosQuarantine(text) && /obsolete test/i.test(text);
}
