/**
 * A Go test's node id: `<import path>::<TestName>[/<subtest>…]`, e.g.
 * `example.com/m/calc::TestMul/negative_(a*b)_[sign]`. Subtest names are as go reports them
 * (spaces already replaced by `_`). Import paths never contain `::`, so the first `::` splits.
 */
export function goNodeId(importPath: string, test: string): string {
  return `${importPath}::${test}`;
}

export function splitNodeId(nodeId: string): { pkg: string; test: string } | undefined {
  const at = nodeId.indexOf('::');
  if (at <= 0 || at + 2 >= nodeId.length) return undefined;
  return { pkg: nodeId.slice(0, at), test: nodeId.slice(at + 2) };
}

/** Go's regexp.QuoteMeta: every RE2 metacharacter escaped. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/**
 * The `-run` pattern selecting exactly one test: go splits `-run` on unbracketed `/` into one
 * regexp per level and matches each level of the test's name (also split on `/`), so each name
 * element becomes `^element$`, escaped. A subtest whose own name holds a `/` is matched as the
 * levels go itself sees.
 */
export function runPattern(test: string): string {
  return test
    .split('/')
    .map((part) => `^${quoteMeta(part)}$`)
    .join('/');
}
