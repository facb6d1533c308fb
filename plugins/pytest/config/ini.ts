// INI as pytest reads it (the `iniconfig` package): `name = value` or `name: value`, indented
// lines continue the previous value, whole-line `#`/`;` comments, no inline comments. What
// iniconfig rejects (a key before any section, a line that is neither) throws here too.

/** Sections by name, each a map of option name → raw value (continuation lines joined by `\n`). */
export type IniSections = Map<string, Map<string, string>>;

const COMMENT = /^\s*[#;]/;

function fail(lineIndex: number, why: string): never {
  throw new Error(`line ${lineIndex + 1}: ${why}`);
}

/** Parses INI text the way pytest does; throws an Error naming the line it cannot read. */
export function readIni(text: string): IniSections {
  const sections: IniSections = new Map();
  let section: Map<string, string> | undefined;
  let last: string | undefined;
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = COMMENT.test(raw) ? '' : raw.trimEnd();
    if (!line) continue;
    const header = line.startsWith('[') ? line.split(/[#;]/)[0]!.trimEnd() : '';
    if (header.endsWith(']')) {
      const name = header.slice(1, -1);
      if (!name) fail(i, 'empty section name');
      if (sections.has(name)) fail(i, `duplicate section [${name}]`);
      sections.set(name, (section = new Map()));
      last = undefined;
    } else if (/^\S/.test(line) && !line.startsWith('[')) {
      const [name, value] = splitOption(line) ?? fail(i, `unexpected line: ${line}`);
      if (!section) fail(i, 'no section header before the first option');
      if (section.has(name)) fail(i, `duplicate option ${name}`);
      section.set(name, value);
      last = name;
    } else {
      if (!section || last === undefined) fail(i, 'continuation line without an option');
      const before = section.get(last)!;
      section.set(last, before ? `${before}\n${line.trim()}` : line.trim());
    }
  }
  return sections;
}

function splitOption(line: string): [string, string] | undefined {
  const eq = line.indexOf('=');
  const colon = line.indexOf(':');
  // `=` separates unless a `:` comes before it (iniconfig's rule).
  const at = eq >= 0 && (colon < 0 || colon > eq) ? eq : colon;
  return at < 0 ? undefined : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
}
