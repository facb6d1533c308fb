import { describe, expect, it } from 'vitest';
import { configuredTiers, tierMarkerExpression, tierOf, tierRank } from './tiers.js';

const TIERS = {
  P0: { paths: ['src/payments/**'], markers: ['critical'] },
  P1: { paths: ['tests/api/**'], markers: ['p1', 'smoke*'] },
  P2: { paths: ['**'], markers: [] },
};

describe('tierOf', () => {
  it('the most critical tier wins: P0 > P1 > P2 > none', () => {
    expect(tierOf({ files: ['tests/api/test_pay.py', 'src/payments/card.py'] }, TIERS)).toBe('P0');
    expect(tierOf({ files: ['tests/api/test_x.py'], markers: ['critical'] }, TIERS)).toBe('P0');
    expect(tierOf({ files: ['tests/api/test_x.py'] }, TIERS)).toBe('P1');
    expect(tierOf({ markers: ['smoke_fast'] }, TIERS)).toBe('P1');
    expect(tierOf({ files: ['lib/a.py'] }, TIERS)).toBe('P2');
    expect(tierOf({ files: ['lib/a.py'] }, { P0: TIERS.P0 })).toBeUndefined();
    expect(tierOf({}, TIERS)).toBeUndefined();
  });

  it('ranks order tiers, untiered last', () => {
    expect([tierRank('P0'), tierRank('P1'), tierRank('P2'), tierRank(undefined)]).toEqual([0, 1, 2, 3]);
  });
});

describe('tierMarkerExpression', () => {
  it('joins the tiers markers with "or", without repeats', () => {
    expect(tierMarkerExpression(['P0', 'P1'], { P0: { paths: [], markers: ['p0', 'core'] }, P1: { paths: [], markers: ['core', 'p1'] } })).toBe('p0 or core or p1');
    expect(tierMarkerExpression(['P2'], TIERS)).toBeUndefined();
  });

  it('refuses a marker that is not a name, naming the config key', () => {
    expect(() => tierMarkerExpression(['P1'], TIERS)).toThrow(/riskTiers\.P1\.markers: "smoke\*" is not a marker name/);
  });

  it('configuredTiers keeps only tiers that say something', () => {
    expect(configuredTiers({ P0: { paths: [], markers: [] }, P1: TIERS.P1 })).toEqual(['P1']);
  });
});
