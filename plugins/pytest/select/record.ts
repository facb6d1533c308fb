import { z } from 'zod';
import { RiskTier, RiskTierName } from '../../../src/config/schema.js';

/** Where collect records what it selected; normalize reads it back (name `selection`). */
export const SELECTION_FILE = 'selection.json';

/**
 * What the pytest plugin ran in a lane and why: written by collect, read by normalize for the
 * notes, risk tiers and the health report. `full`: the whole suite (or `testPaths`); `subset`:
 * `targets` and/or `markers`; `none`: nothing, because nothing can be affected (`reasons` say why).
 */
export const SelectionRecord = z.object({
  schema: z.literal('atqos/pytest-selection@1'),
  lane: z.string(),
  mode: z.enum(['full', 'subset', 'none']),
  reasons: z.array(z.string()),
  /** The `-m` expression passed, if any. */
  markers: z.string().optional(),
  /** Positional targets passed (files, directories, node ids); empty → the suite or `testPaths`. */
  targets: z.array(z.string()),
  /** Risk tiers the lane selected by (`select.tiers`, or the health lane's default). */
  tiers: z.array(RiskTierName),
  riskTiers: z.object({ P0: RiskTier.optional(), P1: RiskTier.optional(), P2: RiskTier.optional() }),
  impact: z
    .object({
      mode: z.enum(['impacted', 'full', 'none']),
      reason: z.string(),
      changedUnits: z.array(z.string()),
      targets: z.number().int(),
      mapRunId: z.string().optional(),
      mapSha: z.string().optional(),
      notes: z.array(z.string()),
    })
    .optional(),
});
export type SelectionRecord = z.infer<typeof SelectionRecord>;

/** The record, or undefined when absent or unreadable (older runs wrote none). */
export function parseSelectionRecord(text: string | undefined): SelectionRecord | undefined {
  if (text === undefined) return undefined;
  try {
    const r = SelectionRecord.safeParse(JSON.parse(text));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/** One line for the plugin's notes: what ran and why. */
export function selectionNote(r: SelectionRecord): string {
  const what = r.mode === 'full' ? 'the full suite' : r.mode === 'none' ? 'no test' : [r.targets.length ? `${r.targets.length} target(s)` : '', r.markers ? `-m "${r.markers}"` : ''].filter(Boolean).join(' with ');
  return `selection (lane ${r.lane}): ran ${what} — ${r.reasons.join('; ')}`;
}
