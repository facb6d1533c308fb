/**
 * pytest's JUnit writer turns a node id into `classname` + `name` (`mangle_test_address` in
 * `_pytest/junitxml.py`): the path part becomes dotted without `.py`, `::` splits the rest, and
 * parameters stay on the last name. This is the key that joins JUnit cases to node ids.
 */
export function junitKey(nodeId: string): string {
  const bracket = nodeId.indexOf('[');
  const base = bracket === -1 ? nodeId : nodeId.slice(0, bracket);
  const params = bracket === -1 ? '' : nodeId.slice(bracket);
  const names = base.split('::');
  names[0] = names[0]!.replace(/\//g, '.').replace(/\.py$/, '');
  names[names.length - 1] += params;
  return `${names.slice(0, -1).join('.')}\u0000${names[names.length - 1]}`;
}

export function caseKey(classname: string, name: string): string {
  return `${classname}\u0000${name}`;
}

/** The file part of a node id: `tests/test_a.py::T::t[x]` → `tests/test_a.py`. */
export function nodeFile(nodeId: string): string {
  return nodeId.split('::')[0]!;
}

/** The test function, dotted, without parameters: `T.t` for `tests/test_a.py::T::t[x]`. */
export function nodeSymbol(nodeId: string): string | undefined {
  const bracket = nodeId.indexOf('[');
  const parts = (bracket === -1 ? nodeId : nodeId.slice(0, bracket)).split('::').slice(1);
  return parts.length ? parts.join('.') : undefined;
}

/** See `stableId` in src/core/fingerprint.ts: kept under this name for the plugin's readers. */
export { stableId as stableNodeId } from '../../src/core/index.js';
