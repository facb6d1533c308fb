import fs from 'node:fs';
import path from 'node:path';
import type { CollectContext } from '../../../src/plugin/contract.js';
import { ImpactMap, IMPACT_MAP_ARTIFACT } from '../../coverage/impact-map.js';
import type { PytestOptions } from '../schema.js';
import type { ChangeKind, ChangeKindContext } from './change-kinds.js';
import { changeKind } from './change-kinds.js';
import { readCodeUnits } from './code-units-run.js';
import type { ImpactDecision, PythonChange } from './impact-decide.js';
import { decideImpact } from './impact-decide.js';
import type { GitReader } from './git-facts.js';
import { gitReader } from './git-facts.js';
import { parseHunks } from './hunks.js';

/** An impact decision and where its map came from (for the selection record). */
export type ImpactSelection = ImpactDecision & { mapRunId?: string; mapSha?: string };

const FULL_KINDS: readonly ChangeKind[] = ['conftest', 'test-config', 'other'];
const full = (reason: string, extra: Partial<ImpactSelection> = {}): ImpactSelection => ({ mode: 'full', reason, targets: [], changedUnits: [], notes: [], ...extra });

function readMap(file: string): { map: ImpactMap } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    return { error: (err as Error).message };
  }
  const r = ImpactMap.safeParse(json);
  return r.success ? { map: r.data } : { error: `${r.error.issues[0]?.path.join('.') || 'root'}: ${r.error.issues[0]?.message}` };
}

/** Why the map's line numbers cannot be trusted for this change, if they cannot. */
async function mapMismatch(git: GitReader, sha: string | undefined, baseSha: string): Promise<string | undefined> {
  if (!sha) return 'the impact map records no commit, so its line numbers cannot be matched to the code';
  const inHistory = await git.isAncestor(sha, 'HEAD');
  if (inHistory === undefined) return `git could not compare the impact map's commit ${sha.slice(0, 12)} with HEAD (unknown commit, or git refused the repo; see raw/pytest/impact-git-*.stderr)`;
  if (!inHistory) return `the impact map's commit ${sha.slice(0, 12)} is not an ancestor of HEAD: its line numbers may not match the code`;
  if ((await git.isAncestor(sha, baseSha)) !== true) return `the impact map's commit ${sha.slice(0, 12)} is inside the change range (after the base ${baseSha.slice(0, 12)}): it already includes part of the change`;
  return undefined;
}

async function pythonChanges(ctx: CollectContext, git: GitReader, sha: string, files: string[], options: PytestOptions, doctest: boolean) {
  const hunks = new Map<string, ReturnType<typeof parseHunks>>();
  const sources: Record<string, string> = {};
  for (const file of files) {
    const abs = path.join(ctx.repoDir, file);
    const now = fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8') : undefined;
    const then = await git.show(sha, file);
    const diff = await git.diff(sha, file);
    if (diff === undefined) return { error: `git diff ${sha.slice(0, 12)} -- ${file} failed` };
    // Untracked files are invisible to `git diff <sha>`: a file new since the map is all new lines.
    const lines = now?.split('\n').length ?? 0;
    hunks.set(file, then === undefined && now !== undefined ? [{ oldStart: 0, oldCount: 0, newStart: 1, newCount: lines }] : parseHunks(diff));
    if (then !== undefined) sources[`old:${file}`] = then;
    if (now !== undefined) sources[`new:${file}`] = now;
  }
  const units = await readCodeUnits(ctx, options.python, sources, doctest);
  if ('error' in units) return units;
  const out = new Map<string, PythonChange>();
  for (const file of files) out.set(file, { hunks: hunks.get(file) ?? [], old: units.units[`old:${file}`], new: units.units[`new:${file}`] });
  return { changes: out };
}

/**
 * The tests impacted by the change set, from the newest earlier impact map: `git diff -U0` of each
 * changed Python file against the map's commit (uncommitted and untracked changes included),
 * classified by the code-units helper. Full suite, with the reason, whenever in doubt.
 */
export async function selectImpacted(ctx: CollectContext, options: PytestOptions, kinds: ChangeKindContext): Promise<ImpactSelection> {
  if (!ctx.changes) return full('no base revision was given (--changed-since), so nothing is known to have changed');
  const prior = ctx.prior(IMPACT_MAP_ARTIFACT);
  if (!prior) return full(`no earlier run kept ${IMPACT_MAP_ARTIFACT} (run a lane with the coverage plugin's per-test contexts first)`);
  const read = readMap(prior.file);
  if ('error' in read) return full(`the impact map of run ${prior.runId} is unreadable (${read.error})`, { mapRunId: prior.runId });
  const { map } = read;
  const at = { mapRunId: prior.runId, ...(map.sha ? { mapSha: map.sha } : {}) };
  const changed = ctx.changes.files;
  const kindOf = (f: string) => changeKind(f, kinds);
  const forcing = [...changed].sort().find((f) => FULL_KINDS.includes(kindOf(f)));
  const git = gitReader(ctx);
  if (!forcing) {
    const mismatch = await mapMismatch(git, map.sha, ctx.changes.baseSha);
    if (mismatch) return full(mismatch, at);
  }
  const py = forcing ? [] : changed.filter((f) => f.endsWith('.py') && kindOf(f) !== 'conftest');
  const got = py.length ? await pythonChanges(ctx, git, map.sha!, py, options, kinds.doctest) : { changes: new Map<string, PythonChange>() };
  if ('error' in got) return full(`${got.error}: cannot tell which lines changed`, at);
  const testFiles = [...new Set(Object.keys(map.tests).map((id) => id.split('::')[0]!))];
  const stale = forcing || !map.sha ? new Set<string>() : ((await git.changedSince(map.sha, testFiles)) ?? new Set(testFiles));
  const exists = (f: string) => fs.existsSync(path.join(ctx.repoDir, f));
  return { ...decideImpact({ changed, kindOf, exists, map, python: got.changes, testFilesChangedSinceMap: stale }), ...at };
}
