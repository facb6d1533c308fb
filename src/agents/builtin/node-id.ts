/** A pytest node id split into its file and the qualified name of the test inside it. */
export interface TestAddress {
  file: string;
  /** Classes then the function: `['TestCart', 'test_total']`. */
  qualname: string[];
  /** The parametrize id, brackets included (`[a-b]`); `''` when none. */
  param: string;
}

/**
 * Splits `path::Class::test_name[param]`. The parameter id may hold anything (`::`, brackets,
 * regex metacharacters), so it is cut off at the first `[` before the name is split; Python names
 * cannot contain `[`. Undefined when there is no test name.
 */
export function parseNodeId(nodeId: string): TestAddress | undefined {
  const sep = nodeId.indexOf('::');
  if (sep <= 0) return undefined;
  const file = nodeId.slice(0, sep);
  const rest = nodeId.slice(sep + 2);
  const bracket = rest.indexOf('[');
  const name = bracket === -1 ? rest : rest.slice(0, bracket);
  const qualname = name.split('::');
  if (qualname.some((part) => !/^[A-Za-z_]\w*$/.test(part))) return undefined;
  return { file, qualname, param: bracket === -1 ? '' : rest.slice(bracket) };
}
