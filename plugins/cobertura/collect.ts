import type { CollectContext, CollectResult } from '../../src/plugin/contract.js';
import { churnArgv } from '../coverage/churn.js';
import { collectJunit } from '../junit/collect.js';
import { coverageIngestOptionsParser } from './options.js';

/**
 * Registers the reports the engine copied to `raw/<id>/<n>-<basename>` as `report-<n>` (as the
 * junit plugin does) and asks git for churn, which ranks the gaps. Nothing else runs: the
 * reports were measured elsewhere.
 */
export function coverageIngestCollector(id: string): (ctx: CollectContext) => Promise<CollectResult> {
  const parse = coverageIngestOptionsParser(id);
  return async (ctx) => {
    const options = parse(ctx.options);
    const { artifacts } = await collectJunit(ctx);
    const churn = await ctx.exec('churn', { argv: churnArgv(options.churnDays), cwd: '.', timeoutMs: 120_000 });
    return { artifacts: [...artifacts, ctx.artifact('churn', `${ctx.rawDir}/churn.stdout`)], execs: { churn } };
  };
}
