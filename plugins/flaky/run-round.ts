import fs from 'node:fs';
import path from 'node:path';
import type { CollectContext } from '../../src/plugin/contract.js';
import { chunkIds, rerunArgv, rerunEnv } from './argv.js';
import type { RoundRun } from './raw-files.js';
import { roundVerdicts } from './round-outcomes.js';
import type { Verdict } from './round-outcomes.js';
import type { FlakyOptions } from './schema.js';

/** pytest's exit code for a usage error, which includes "not found: <node id>". */
const USAGE_ERROR = 4;

export interface RoundResult {
  runs: RoundRun[];
  verdicts: Map<string, Verdict>;
  /** Ids pytest could not find even when run alone. */
  notFound: string[];
}

async function invoke(ctx: CollectContext, options: FlakyOptions, run: Omit<RoundRun, 'exitCode' | 'timedOut'>, extra: readonly string[]): Promise<{ run: RoundRun; verdicts: Map<string, Verdict> }> {
  const file = path.join(ctx.runDir, ctx.rawDir, `${run.artifact}.xml`);
  const exec = await ctx.exec(run.artifact, {
    argv: rerunArgv(options, file, run.nodeIds, extra),
    cwd: '.',
    env: rerunEnv(ctx.env),
    timeoutMs: Math.round(options.timeoutSec * 1000),
  });
  const xml = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  const parsed = roundVerdicts(xml, run.nodeIds);
  return { run: { ...run, exitCode: exec.exitCode, timedOut: exec.timedOut }, verdicts: parsed.ok ? parsed.verdicts : new Map() };
}

/**
 * One round: every id once, in chunks of one pytest invocation each. A chunk that pytest refuses
 * (an id it cannot find stops the whole invocation) is retried one id at a time, so one stale id
 * does not hide the others; ids refused alone are reported as not found.
 */
export async function runRound(ctx: CollectContext, options: FlakyOptions, purpose: RoundRun['purpose'], round: number, nodeIds: readonly string[], extra: readonly string[] = []): Promise<RoundResult> {
  const out: RoundResult = { runs: [], verdicts: new Map(), notFound: [] };
  const chunks = chunkIds(nodeIds);
  for (const [c, chunk] of chunks.entries()) {
    if (ctx.signal.aborted) break;
    const name = `${purpose}-${round}-${c + 1}`;
    const first = await invoke(ctx, options, { purpose, round, artifact: name, nodeIds: chunk }, extra);
    out.runs.push(first.run);
    for (const [id, v] of first.verdicts) out.verdicts.set(id, v);
    if (first.run.exitCode !== USAGE_ERROR || first.verdicts.size > 0) continue;
    if (chunk.length === 1) {
      out.notFound.push(chunk[0]!);
      continue;
    }
    for (const [i, id] of chunk.entries()) {
      if (ctx.signal.aborted) break;
      const alone = await invoke(ctx, options, { purpose, round, artifact: `${name}-${i + 1}`, nodeIds: [id] }, extra);
      out.runs.push(alone.run);
      for (const [k, v] of alone.verdicts) out.verdicts.set(k, v);
      if (alone.run.exitCode === USAGE_ERROR && alone.verdicts.size === 0) out.notFound.push(id);
    }
  }
  return out;
}
