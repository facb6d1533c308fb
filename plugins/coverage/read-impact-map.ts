import { ImpactMap } from './impact-map.js';

/** The impact map artifact, or why it cannot be used. */
export function readImpactMap(text: string | undefined): { map?: ImpactMap; error?: string } {
  if (text === undefined) return { error: 'no impact map was written (the contexts helper failed; see raw/coverage/contexts.stderr)' };
  try {
    const parsed = ImpactMap.safeParse(JSON.parse(text));
    return parsed.success ? { map: parsed.data } : { error: `impact-map.json does not match atqos/impact-map@1: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  } catch (err) {
    return { error: `impact-map.json is not valid JSON (${(err as Error).message})` };
  }
}
