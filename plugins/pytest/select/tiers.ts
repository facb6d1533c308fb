import type { RiskTier, RiskTierName } from '../../../src/config/schema.js';
import { AtqosError } from '../../../src/core/index.js';
import { matchGlob } from '../../../src/guards/index.js';

export type RiskTiers = Partial<Record<RiskTierName, RiskTier>>;

/** Most critical first: a test in several tiers belongs to the first. */
export const TIER_ORDER: readonly RiskTierName[] = ['P0', 'P1', 'P2'];

/** What a test or finding is known by: its files (test file, code under test) and its markers. */
export interface TierSubject {
  files?: readonly string[];
  markers?: readonly string[];
}

function inTier(tier: RiskTier, subject: TierSubject): boolean {
  const files = subject.files ?? [];
  const markers = subject.markers ?? [];
  return tier.paths.some((g) => files.some((f) => matchGlob(g, f))) || tier.markers.some((m) => markers.some((x) => matchGlob(m, x)));
}

/** The most critical tier (P0 > P1 > P2) a test or file belongs to, or undefined for none. */
export function tierOf(subject: TierSubject, tiers: RiskTiers): RiskTierName | undefined {
  return TIER_ORDER.find((name) => {
    const tier = tiers[name];
    return tier !== undefined && inTier(tier, subject);
  });
}

/** 0 for P0 … 2 for P2, 3 for no tier: lower runs and is fixed first. */
export function tierRank(tier: RiskTierName | undefined): number {
  return tier === undefined ? TIER_ORDER.length : TIER_ORDER.indexOf(tier);
}

const MARKER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `p0 or p1`: the `-m` expression of the tiers' markers; undefined when they name none. */
export function tierMarkerExpression(names: readonly RiskTierName[], tiers: RiskTiers): string | undefined {
  const markers = [...new Set(names.flatMap((n) => tiers[n]?.markers ?? []))];
  for (const m of markers) {
    const tier = names.find((n) => tiers[n]?.markers.includes(m));
    if (!MARKER_NAME.test(m)) {
      throw new AtqosError('config_invalid', `riskTiers.${tier}.markers: ${JSON.stringify(m)} is not a marker name a lane can select by`, {
        hint: 'use plain pytest marker names (letters, digits, underscores) in .github/atqos.yml',
      });
    }
  }
  return markers.length ? markers.join(' or ') : undefined;
}

/** The path globs of these tiers. */
export function tierPathGlobs(names: readonly RiskTierName[], tiers: RiskTiers): string[] {
  return [...new Set(names.flatMap((n) => tiers[n]?.paths ?? []))];
}

/** The tiers that say anything (paths or markers), in order. */
export function configuredTiers(tiers: RiskTiers, among: readonly RiskTierName[] = TIER_ORDER): RiskTierName[] {
  return among.filter((n) => (tiers[n]?.paths.length ?? 0) + (tiers[n]?.markers.length ?? 0) > 0);
}
