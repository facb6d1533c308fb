// A test that fails at random with p = 0.3 (seeded per seed and invocation, so every run of this
// spec sees the same draws), 40 seeds at once as 40 parametrized cases of fixtures/projects/
// flaky/seeded. Each case fails its first run (the failure the plugin is asked about), then
// re-runs 10 times.
//
// Exact probabilities, 10 re-runs, no early stop:
// - both outcomes among the 10 re-runs alone: 1 − 0.7^10 − 0.3^10 = 1 − 0.0282475249 − 0.0000059049
//   = 0.9717465702;
// - detection as the plugin counts it (the original failure counts, so one pass suffices):
//   1 − 0.3^10 = 0.9999940951.
// Early stop cannot change either: it only stops a test after both outcomes were seen.
import { afterAll, describe, expect, it } from 'vitest';
import { copyFixture, flakyPass, pytestPass, removeFixtures } from './test-support.js';

const SEEDS = 40;
const P_BOTH_IN_RERUNS = 1 - 0.7 ** 10 - 0.3 ** 10;
const P_DETECT = 1 - 0.3 ** 10;

afterAll(removeFixtures);

describe('a p = 0.3 flaky test', () => {
  it('is detected within 10 re-runs for at least 95% of seeds', async () => {
    expect(P_BOTH_IN_RERUNS).toBeCloseTo(0.9717465702, 9);
    expect(P_DETECT).toBeCloseTo(0.9999940951, 9);
    const copy = copyFixture('seeded');
    const earlier = await pytestPass(copy);
    expect(earlier.tests.filter((t) => t.outcome === 'failed')).toHaveLength(SEEDS);
    const run = await flakyPass(copy, { earlier: [earlier] });
    const flaky = run.output.findings.filter((f) => f.kind === 'flaky_test');
    expect(flaky.length / SEEDS).toBeGreaterThanOrEqual(0.95);
    // The reruns-only view (what 1 − 0.7^10 − 0.3^10 describes): both outcomes among the 10.
    const both = flaky.filter((f) => Number(f.evidence.details?.['rerunFailures']) > 0).length;
    expect(both / SEEDS).toBeGreaterThanOrEqual(0.9);
    const total = flaky.reduce((n, f) => n + Number(f.evidence.details?.['rerunFailures']), 0);
    // 400 draws at p = 0.3: the observed rate sits within ±0.07 (over 3 standard deviations).
    expect(Math.abs(total / (SEEDS * 10) - 0.3)).toBeLessThan(0.07);
  }, 180_000);
});
