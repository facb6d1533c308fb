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

/**
 * A node id with only what cannot be part of a test's identity replaced: known roots, temp
 * dirs, memory addresses, UUIDs and timestamps. Not `normalizeVolatile`: it also folds numbers,
 * durations and `line N`, which are legitimate parametrize ids (`test_round[1.5s]`).
 */
export function stableNodeId(nodeId: string, roots: readonly string[]): string {
  let out = nodeId;
  for (const root of [...roots].filter(Boolean).sort((a, b) => b.length - a.length)) {
    out = out.split(root.replace(/[\\/]+$/, '')).join('<root>');
  }
  return out
    .replace(/(?:[A-Za-z]:)?[\\/](?:tmp|temp|var[\\/]folders|private[\\/]var)[\\/][^\s'",:)\]]*/gi, '<tmp>')
    .replace(/\b0x[0-9a-fA-F]{4,}\b/g, '0x?')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>')
    .replace(/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?/g, '<ts>');
}
