import { asPathArg, intersectTargets } from './targets.js';

/** The parts of a lane's selection, each already resolved to targets or a marker expression. */
export interface SelectionParts {
  /** `select.markers`, as written. */
  markers?: string;
  /** The tiers' markers as an `-m` expression (only when the tiers select by markers alone). */
  tierMarkers?: string;
  /** Positional restrictions (select.paths, tier test files, impacted tests), named for reasons. */
  restrictions: { name: string; targets: string[] }[];
  /** `plugins.pytest.testPaths`: the outer bound of every selection. */
  testPaths: readonly string[];
}

/** pytest's view of a selection: its targets (undefined → all) and `-m` expression. */
export interface PytestSelection {
  targets: string[] | undefined;
  markers: string | undefined;
  /** Set when the restrictions have nothing in common: which one emptied the selection. */
  emptyAfter?: string;
}

/**
 * Combines a selection: every given criterion narrows it. Marker expressions join with `and`
 * (each parenthesized); positional restrictions intersect (a node id survives inside its file or
 * directory, a directory narrows to the files within it), bounded by `testPaths`.
 */
export function combineSelection(parts: SelectionParts): PytestSelection {
  const exprs = [parts.markers, parts.tierMarkers].filter((x): x is string => x !== undefined && x.trim() !== '');
  const markers = exprs.length === 0 ? undefined : exprs.length === 1 ? exprs[0] : exprs.map((e) => `(${e})`).join(' and ');
  if (parts.restrictions.length === 0) return { targets: undefined, markers };
  let targets: string[] | undefined = parts.testPaths.length ? [...parts.testPaths] : undefined;
  for (const r of parts.restrictions) {
    targets = targets === undefined ? [...new Set(r.targets)].sort() : intersectTargets(targets, r.targets);
    if (targets.length === 0) return { targets, markers, emptyAfter: r.name };
  }
  return { targets, markers };
}

/** The selection's pytest arguments: targets (never read as options), then `-m`. */
export function selectionArgv(sel: PytestSelection, testPaths: readonly string[]): string[] {
  const targets = sel.targets ?? testPaths;
  return [...targets.map(asPathArg), ...(sel.markers ? ['-m', sel.markers] : [])];
}
