import type { ImpactMap } from '../../coverage/impact-map.js';
import type { CodeUnitsOfFile } from './code-units.js';
import { lineKinds, unitSpan } from './code-units.js';
import type { ChangeKind } from './change-kinds.js';
import type { Hunk } from './hunks.js';
import { newLines, oldLines } from './hunks.js';

/** A changed Python file's diff against the map's commit, and both versions' code units. */
export interface PythonChange {
  hunks: Hunk[];
  /** The file at the map's commit (undefined when it did not exist there). */
  old: CodeUnitsOfFile | undefined;
  /** The file in the working tree (undefined when deleted). */
  new: CodeUnitsOfFile | undefined;
}

/** Everything impact selection decides from, gathered by `impact.ts`. */
export interface ImpactFacts {
  changed: readonly string[];
  kindOf(file: string): ChangeKind;
  exists(file: string): boolean;
  map: ImpactMap;
  python: ReadonlyMap<string, PythonChange>;
  /** Test files that changed since the map's commit: their recorded node ids may be stale. */
  testFilesChangedSinceMap: ReadonlySet<string>;
}

/** `impacted`: run `targets`; `full`: run everything (reason says why); `none`: nothing can be affected. */
export interface ImpactDecision {
  mode: 'impacted' | 'full' | 'none';
  reason: string;
  targets: string[];
  /** Changed functions (`file::name`) and the notes a reader needs to trust the selection. */
  changedUnits: string[];
  notes: string[];
}

/** Beyond this many node ids, whole files are passed instead (a superset: nothing is missed). */
export const MAX_NODE_IDS = 1000;

const full = (reason: string, notes: string[] = []): ImpactDecision => ({ mode: 'full', reason, targets: [], changedUnits: [], notes });

function testsByFile(map: ImpactMap): Map<string, [string, number[]][]> {
  const index = new Map<string, [string, number[]][]>();
  for (const [test, files] of Object.entries(map.tests)) {
    for (const [file, lines] of Object.entries(files)) index.set(file, [...(index.get(file) ?? []), [test, lines]]);
  }
  return index;
}

/** The changed units of one file, or the reason the whole suite must run. */
function changedUnits(file: string, change: PythonChange): { units: string[] } | { full: string } {
  for (const [side, parsed] of [['base', change.old], ['working tree', change.new]] as const) {
    if (parsed && !parsed.ok) return { full: `${file} does not parse at the ${side === 'base' ? "map's commit" : 'working tree'} (${parsed.error})` };
  }
  const units = new Set<string>();
  for (const h of change.hunks) {
    for (const [range, parsed] of [[oldLines(h), change.old], [newLines(h), change.new]] as const) {
      if (!range || !parsed?.ok) continue;
      const kinds = lineKinds(parsed, range);
      const at = kinds.findIndex((k) => k.kind === 'module');
      if (at >= 0) return { full: `module-level code changed in ${file} (line ${range[0] + at}): it runs at import, so any test importing the module may be affected` };
      for (const k of kinds) if (k.kind === 'unit') units.add(k.name);
    }
  }
  return { units: [...units].sort() };
}

function nodeFile(nodeId: string): string {
  return nodeId.split('::')[0]!;
}

/** Node ids, except whole files where ids may be stale or too many. Sorted, unique. */
function finalTargets(ids: Set<string>, files: Set<string>, facts: ImpactFacts): string[] {
  const kept = [...ids].filter((id) => facts.exists(nodeFile(id)) && !files.has(nodeFile(id)));
  const byFile = kept.filter((id) => facts.testFilesChangedSinceMap.has(nodeFile(id)) || kept.length > MAX_NODE_IDS);
  for (const id of byFile) files.add(nodeFile(id));
  return [...new Set([...files, ...kept.filter((id) => !files.has(nodeFile(id)))])].sort();
}

/**
 * The tests a change impacts, from the impact map (pure). Any doubt — a conftest or pytest config,
 * a non-documentation file, module-level code, a file the map does not know, unparsable code,
 * changed code no test executes — means the full suite, with the reason.
 */
export function decideImpact(facts: ImpactFacts): ImpactDecision {
  const index = testsByFile(facts.map);
  const known = (f: string) => index.has(f) || f in facts.map.importTime;
  const ids = new Set<string>();
  const files = new Set<string>();
  const units: string[] = [];
  const notes: string[] = [];
  const docs: string[] = [];
  for (const file of [...facts.changed].sort()) {
    const kind = facts.kindOf(file);
    if (kind === 'conftest') return full(`${file} changed: conftest files shape every test below them`);
    if (kind === 'test-config') return full(`${file} changed: pytest configuration affects every test`);
    if (kind === 'other') return full(`${file} changed: not Python and not documentation, so its effect on tests is unknown`);
    if (kind === 'docs') {
      docs.push(file);
      continue;
    }
    if (kind === 'test-module' && facts.exists(file)) files.add(file);
    if (kind === 'source' && !known(file)) return full(`${file} is not in the impact map (a new module, or one no test imported when the map was made)`);
    const change = facts.python.get(file);
    if (!change) continue;
    if (kind === 'source' && change.hunks.length === 0) return full(`${file} differs from the base but not from the impact map's commit: the map cannot say which tests the change touches`);
    const got = changedUnits(file, change);
    if ('full' in got) {
      if (kind === 'test-module') continue; // the test module runs whole anyway
      return full(got.full);
    }
    for (const name of got.units) {
      units.push(`${file}::${name}`);
      const span = unitSpan(change.old, name);
      const hits = span ? (index.get(file) ?? []).filter(([, lines]) => lines.some((l) => l >= span[0] && l <= span[1])) : [];
      if (hits.length === 0 && kind === 'source') notes.push(`${file}::${name} changed but no test executed it when the map was made`);
      for (const [test] of hits) ids.add(test);
    }
  }
  const targets = finalTargets(ids, files, facts);
  if (targets.length > 0) {
    return { mode: 'impacted', reason: `${targets.length} target(s) impacted by ${facts.changed.length} changed file(s)`, targets, changedUnits: units, notes };
  }
  if (units.some((u) => facts.kindOf(u.split('::')[0]!) === 'source')) {
    return full(`changed code is executed by no test in the impact map (${units.join(', ')}): running the full suite rather than nothing`, notes);
  }
  if (facts.changed.length === 0) return { mode: 'none', reason: 'no test is impacted: no file changed since the base', targets: [], changedUnits: [], notes };
  const what = docs.length ? `only documentation (${docs.join(', ')})` : 'only comments, blank lines or docstrings';
  return { mode: 'none', reason: `no test is impacted: the changes touch ${what}`, targets: [], changedUnits: units, notes };
}
