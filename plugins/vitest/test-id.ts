/** Separator between describe titles and the test title, as `vitest list` prints names. */
export const NAME_SEPARATOR = ' > ';

/**
 * The stable id of a vitest test: `<repo-relative file>::<describe> > … > <title>`, the same
 * name `vitest list` prints, so the JSON report and the inventory agree.
 */
export function testNodeId(file: string, ancestors: readonly string[], title: string): string {
  return `${file}::${[...ancestors, title].join(NAME_SEPARATOR)}`;
}

/** `tests/a.test.ts::suite > test` → file and name; undefined for an id without `::`. */
export function splitNodeId(id: string): { file: string; name: string } | undefined {
  const at = id.indexOf('::');
  return at <= 0 ? undefined : { file: id.slice(0, at), name: id.slice(at + 2) };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A `--testNamePattern` selecting exactly these tests. vitest matches the pattern against the
 * titles joined by single spaces, so each ` > ` of our id matches a space; as a title may itself
 * contain ` > `, either form is accepted. Every other character is escaped: names are hostile.
 */
export function testNamePattern(names: readonly string[]): string {
  const one = (name: string) => name.split(NAME_SEPARATOR).map(escapeRegExp).join('(?: | > )');
  return `^(?:${[...new Set(names)].map(one).join('|')})$`;
}
