// Evidence is read by reviewers and fed back to the agent on retry: complete enough to act on,
// short enough to read. Long lists are capped with a count of what was left out.

export const MAX_EVIDENCE_ITEMS = 20;
const MAX_SNIPPET = 160;

/** One item per line, at most `max`, then `… and N more`. */
export function capList(items: readonly string[], max = MAX_EVIDENCE_ITEMS): string {
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  return [...shown, ...(rest > 0 ? [`… and ${rest} more`] : [])].join('\n');
}

/** Source text for evidence: whitespace collapsed, cut at a readable length. */
export function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_SNIPPET ? `${flat.slice(0, MAX_SNIPPET - 1)}…` : flat;
}
