import fs from 'node:fs';
import path from 'node:path';
import type { CollectContext, ImpactedTestsRun, LaneContext, NormalizeInput } from '../../../src/plugin/contract.js';
import { collect } from '../collect.js';
import { normalize } from '../normalize.js';
import { parseSelectionRecord } from './record.js';

/** The lane an attempt's impact run pretends to be: impact selection, or exactly `only`. */
function validationLane(only: readonly string[] | undefined): LaneContext {
  return { name: 'validation', select: only ? { paths: [...only] } : { impacted: true }, reruns: undefined, riskTiers: {} };
}

/**
 * `Plugin.impactedTests` for pytest: the lane machinery of the PR lane (`select.impacted`, with
 * its full-suite fallbacks) run in an attempt's worktree against the attempt's own changed files,
 * or — with `only` — exactly those node ids (those whose file exists here: a test the attempt
 * added has no outcome at the base). Collect and normalize are the plugin's own, so what counts
 * as a trustworthy run is the same as in a lane.
 */
export async function impactedTests(ctx: CollectContext, only?: readonly string[]): Promise<ImpactedTestsRun> {
  const present = only?.filter((id) => fs.existsSync(path.join(ctx.repoDir, id.split('::')[0]!)));
  if (present && present.length === 0) return { mode: 'only', reason: 'none of the tests exist here', tests: [], notes: [] };
  const run = { ...ctx, lane: validationLane(present) };
  const result = await collect(run);
  const read = (name: string) => {
    const a = result.artifacts.find((x) => x.name === name);
    return a?.exists ? fs.readFileSync(path.join(ctx.runDir, a.path), 'utf8') : undefined;
  };
  const input: NormalizeInput = { collect: result, read, repoDir: ctx.repoDir, runDir: ctx.runDir, runStartedAtMs: ctx.runStartedAtMs, options: ctx.options };
  const out = normalize(input);
  const record = parseSelectionRecord(read('selection'));
  const notes = out.notes.slice(0, 10);
  const ran = record?.mode === 'none' ? 'none' : present ? 'only' : (record?.impact?.mode ?? 'full');
  const reason = present ? `${present.length} test(s) asked for` : (record?.impact?.reason ?? record?.reasons.join('; ') ?? 'no selection record was written');
  if (ran === 'none') return { mode: 'none', reason, tests: [], notes };
  if (!out.trustworthy) return { mode: ran, reason, problem: notes.join('; ') || 'pytest produced no trustworthy report', notes };
  return { mode: ran, reason, tests: out.tests, notes };
}
