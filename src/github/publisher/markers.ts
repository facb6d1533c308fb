/*
 * Hidden markers the Publisher finds its own objects by. The renderers in `../render/markers.ts`
 * write the same three formats; this copy only reads them (and repairs a body that lacks one),
 * so the Publisher does not depend on the renderers. Keep the formats in step.
 */

/** The dashboard issue's marker. */
export const DASHBOARD_MARKER = '<!-- atqos:dashboard -->';

const FINDING_RE = /<!-- atqos:finding=([0-9a-f]{16,64}) -->/;
const TASK_RE = /<!-- atqos:task=(atqos\/[a-z_]+\/[0-9a-f]{12}) -->/;

/** `<!-- atqos:finding=<fp> -->` */
export function findingMarkerFor(fingerprint: string): string {
  return `<!-- atqos:finding=${fingerprint} -->`;
}

/** The fingerprint in a body's finding marker, if it has one. */
export function findingIn(body: string | null | undefined): string | undefined {
  return body ? FINDING_RE.exec(body)?.[1] : undefined;
}

/** The branch in a body's task marker, if it has one. */
export function taskIn(body: string | null | undefined): string | undefined {
  return body ? TASK_RE.exec(body)?.[1] : undefined;
}

export function hasDashboardMarker(body: string | null | undefined): boolean {
  return !!body && body.includes(DASHBOARD_MARKER);
}

const MAX_BODY = 65_535;

/**
 * The body with `marker` in it. A body without its marker could never be found again and every
 * publish would open a duplicate, so the marker is appended (cutting the body's end if it is full).
 */
export function withMarker(body: string, marker: string): string {
  if (body.includes(marker)) return body;
  const room = MAX_BODY - marker.length - 2;
  return `${body.length > room ? body.slice(0, room) : body}\n\n${marker}`;
}
