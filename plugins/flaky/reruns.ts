import type { CollectContext } from '../../src/plugin/contract.js';
import type { RoundLog } from './raw-files.js';
import { runRound } from './run-round.js';
import type { FlakyOptions } from './schema.js';

/**
 * Runs each id up to `rounds` times on the same checkout, one round after another (a round runs
 * every still-interesting id once). With `earlyStop`, a test that has both passed and failed
 * leaves the rotation; originally failing tests always count as having failed once.
 */
export async function rerunTests(ctx: CollectContext, options: FlakyOptions, nodeIds: readonly string[], rounds: number, log: RoundLog): Promise<void> {
  const passed = new Set<string>();
  const gone = new Set<string>();
  for (let round = 1; round <= rounds; round++) {
    if (ctx.signal.aborted) break;
    const active = nodeIds.filter((id) => !gone.has(id) && !(options.earlyStop && passed.has(id)));
    if (active.length === 0) break;
    const result = await runRound(ctx, options, 'rerun', round, active);
    log.runs.push(...result.runs);
    for (const id of result.notFound) {
      gone.add(id);
      log.notFound.push(id);
    }
    for (const [id, v] of result.verdicts) if (v === 'pass') passed.add(id);
    ctx.log.info({ round, tests: active.length, passedSoFar: passed.size }, 'flaky re-run round finished');
  }
}
