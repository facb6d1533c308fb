import fs from 'node:fs';
import path from 'node:path';
import type { LaneSelect } from '../../../src/config/schema.js';
import type { CollectContext } from '../../../src/plugin/contract.js';
import { locatePytestConfig } from '../config/locate.js';
import { parseListedTests } from '../list-tests.js';
import { pytestPrefix } from '../schema.js';
import type { PytestOptions } from '../schema.js';
import { pythonFilesPatterns } from '../test-files.js';
import type { ChangeKindContext } from './change-kinds.js';
import { combineSelection } from './combine.js';
import type { SelectionParts } from './combine.js';
import { selectImpacted } from './impact.js';
import { SELECTION_FILE } from './record.js';
import type { SelectionRecord } from './record.js';
import { asPathArg, listTestModules, resolveSelectPaths } from './targets.js';
import { configuredTiers, tierMarkerExpression, tierPathGlobs } from './tiers.js';
import { matchGlob } from '../../../src/guards/index.js';

/** The health lane's selection when its config names none: the P0 and P1 tiers, if configured. */
function laneSelect(ctx: CollectContext): { select: LaneSelect | undefined; reason?: string } {
  if (ctx.lane.select || ctx.lane.name !== 'health') return { select: ctx.lane.select };
  const tiers = configuredTiers(ctx.lane.riskTiers, ['P0', 'P1']);
  return tiers.length
    ? { select: { tiers }, reason: `health lane without a selection: the ${tiers.join('+')} risk tiers` }
    : { select: undefined, reason: 'health lane without a selection and no P0/P1 risk tiers configured: the full suite' };
}

/** Whether pytest runs doctests here (then docstrings and text files can be tests). */
function usesDoctest(repoDir: string, options: PytestOptions): boolean {
  const cfg = locatePytestConfig(repoDir);
  return [...options.args, JSON.stringify([...(cfg?.options ?? new Map())])].some((a) => a.includes('doctest'));
}

/** Node ids carrying the tiers' markers, by `pytest --collect-only -q -m …`. */
async function testsWithMarkers(ctx: CollectContext, options: PytestOptions, expr: string): Promise<string[]> {
  const argv = [...pytestPrefix(options), ...options.args, '-p', 'no:cacheprovider', '--color=no', '--collect-only', '-q', '-m', expr, ...options.testPaths.map(asPathArg)];
  const r = await ctx.exec('tier-tests', { argv, cwd: '.', env: { PYTHONDONTWRITEBYTECODE: '1' }, timeoutMs: Math.round(Math.min(options.timeoutSec, 600) * 1000) });
  const ids = parseListedTests(r.exitCode, r.exitCode === 0 ? fs.readFileSync(r.stdoutPath, 'utf8') : '');
  // Collection trouble shows in the main run; here it must not shrink the selection silently.
  return ids ?? [];
}

const clean = (p: string) => p.replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');

/**
 * Resolves the lane's `select` (markers, paths, tiers, impacted) for pytest, records it as
 * `raw/pytest/selection.json` and returns it. Invalid paths throw an AtqosError naming them.
 */
export async function resolveSelection(ctx: CollectContext, options: PytestOptions): Promise<SelectionRecord> {
  const { select, reason } = laneSelect(ctx);
  const pythonFiles = pythonFilesPatterns(ctx.repoDir, options);
  let modules: string[] | undefined;
  const testModules = () => (modules ??= listTestModules(ctx.repoDir, pythonFiles));
  const reasons: string[] = reason ? [reason] : [];
  const parts: SelectionParts = { restrictions: [], testPaths: options.testPaths.map(clean), ...(select?.markers ? { markers: select.markers } : {}) };
  const tiers = select?.tiers ?? [];
  let impact: SelectionRecord['impact'];
  if (select?.paths) parts.restrictions.push({ name: 'select.paths', targets: resolveSelectPaths(ctx.lane.name, select.paths, ctx.repoDir, testModules) });
  if (tiers.length) {
    const expr = tierMarkerExpression(tiers, ctx.lane.riskTiers);
    const globs = tierPathGlobs(tiers, ctx.lane.riskTiers);
    const files = globs.length ? testModules().filter((f) => globs.some((g) => matchGlob(g, f))) : [];
    if (!globs.length && expr) parts.tierMarkers = expr;
    else parts.restrictions.push({ name: `risk tiers ${tiers.join('+')}`, targets: [...files, ...(expr ? await testsWithMarkers(ctx, options, expr) : [])] });
  }
  if (select?.impacted) {
    const kinds: ChangeKindContext = { repoDir: ctx.repoDir, pythonFiles, doctest: usesDoctest(ctx.repoDir, options) };
    const got = await selectImpacted(ctx, options, kinds);
    impact = { mode: got.mode, reason: got.reason, changedUnits: got.changedUnits, targets: got.targets.length, notes: got.notes, ...(got.mapRunId ? { mapRunId: got.mapRunId } : {}), ...(got.mapSha ? { mapSha: got.mapSha } : {}) };
    reasons.push(`impact: ${got.mode === 'full' ? `full suite because ${got.reason}` : got.reason}`);
    if (got.mode === 'impacted') parts.restrictions.push({ name: 'impacted tests', targets: got.targets });
    if (got.mode === 'none') return write(ctx, { ...base(ctx, tiers, impact), mode: 'none', reasons, targets: [] });
  }
  const sel = combineSelection(parts);
  if (sel.emptyAfter) {
    return write(ctx, { ...base(ctx, tiers, impact), mode: 'none', reasons: [...reasons, `no test matches the selection once ${sel.emptyAfter} is applied`], targets: [] });
  }
  const narrowed = sel.targets !== undefined || sel.markers !== undefined;
  if (!narrowed && reasons.length === 0) reasons.push(select ? 'the selection does not narrow the suite' : `lane ${ctx.lane.name} runs the whole suite`);
  if (narrowed && select) reasons.push(`select ${JSON.stringify(select)}`);
  return write(ctx, { ...base(ctx, tiers, impact), mode: narrowed ? 'subset' : 'full', reasons, targets: sel.targets ?? [], ...(sel.markers ? { markers: sel.markers } : {}) });
}

function base(ctx: CollectContext, tiers: SelectionRecord['tiers'], impact: SelectionRecord['impact']) {
  return { schema: 'atqos/pytest-selection@1' as const, lane: ctx.lane.name, tiers, riskTiers: ctx.lane.riskTiers, ...(impact ? { impact } : {}) };
}

function write(ctx: CollectContext, record: SelectionRecord): SelectionRecord {
  fs.writeFileSync(path.join(ctx.runDir, ctx.rawDir, SELECTION_FILE), `${JSON.stringify(record, null, 2)}\n`);
  return record;
}
