// A small TOML reader for finding pytest's options in pyproject.toml and pytest.toml: strings,
// arrays, inline tables and table headers; other scalars are kept as null. Anything it cannot
// follow throws, and the caller treats the file like pytest does a TOMLDecodeError: unusable.

/** A value as this reader sees it: strings and arrays; numbers, booleans and dates are null. */
export type TomlValue = string | null | TomlValue[];

/** Every key of a document by its full dotted path, and the tables it declares. */
export interface TomlDocument {
  values: Map<string, TomlValue>;
  tables: Set<string>;
}

interface InlineTable {
  entries: [string[], TomlValue | InlineTable][];
}

const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  fail(what: string): never {
    const line = this.text.slice(0, this.pos).split('\n').length;
    throw new Error(`line ${line}: ${what}`);
  }
  peek(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }
  expect(s: string): void {
    if (!this.peek(s)) this.fail(`expected ${s}`);
    this.pos += s.length;
  }
  spaces(): void {
    while (this.peek(' ') || this.peek('\t')) this.pos++;
  }
  /** Spaces, newlines and comments, as allowed inside arrays. */
  blank(): void {
    for (;;) {
      this.spaces();
      if (this.peek('#')) this.toLineEnd();
      else if (this.peek('\n') || this.peek('\r\n')) this.pos += this.peek('\n') ? 1 : 2;
      else return;
    }
  }
  toLineEnd(): void {
    const end = this.text.indexOf('\n', this.pos);
    this.pos = end < 0 ? this.text.length : end;
  }
  endOfLine(): void {
    this.spaces();
    if (this.peek('#')) this.toLineEnd();
    if (this.pos < this.text.length && !this.peek('\n') && !this.peek('\r\n')) this.fail('expected the end of the line');
  }

  key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.spaces();
      const bare = /^[A-Za-z0-9_-]+/.exec(this.text.slice(this.pos));
      if (bare) this.pos += bare[0].length;
      parts.push(bare ? bare[0] : this.peek('"') ? this.basicString() : this.peek("'") ? this.literalString() : this.fail('expected a key'));
      this.spaces();
      if (!this.peek('.')) return parts;
      this.pos++;
    }
  }

  value(): TomlValue | InlineTable {
    if (this.peek('"""')) return this.multilineString('"""');
    if (this.peek("'''")) return this.multilineString("'''");
    if (this.peek('"')) return this.basicString();
    if (this.peek("'")) return this.literalString();
    if (this.peek('[')) return this.array();
    if (this.peek('{')) return this.inlineTable();
    const scalar = /^[^,\]}#\r\n]+/.exec(this.text.slice(this.pos));
    if (!scalar || !scalar[0].trim()) this.fail('expected a value');
    this.pos += scalar[0].length;
    return null;
  }

  basicString(): string {
    this.expect('"');
    let out = '';
    while (!this.peek('"')) {
      const c = this.text[this.pos];
      if (c === undefined || c === '\n') this.fail('unterminated string');
      this.pos++;
      out += c === '\\' ? this.escape() : c;
    }
    this.pos++;
    return out;
  }
  escape(): string {
    const c = this.text[this.pos++] ?? '';
    if (c in ESCAPES) return ESCAPES[c]!;
    const hex = c === 'u' ? 4 : c === 'U' ? 8 : this.fail(`unknown escape \\${c}`);
    const code = Number.parseInt(this.text.slice(this.pos, (this.pos += hex)), 16);
    return Number.isNaN(code) ? this.fail('bad unicode escape') : String.fromCodePoint(code);
  }
  literalString(): string {
    this.expect("'");
    const end = this.text.indexOf("'", this.pos);
    const s = end < 0 ? this.fail('unterminated string') : this.text.slice(this.pos, end);
    if (s.includes('\n')) this.fail('unterminated string');
    this.pos = end + 1;
    return s;
  }
  multilineString(quote: string): string {
    this.expect(quote);
    const end = this.text.indexOf(quote, this.pos);
    if (end < 0) this.fail('unterminated multi-line string');
    let raw = this.text.slice(this.pos, end).replace(/^\r?\n/, '');
    this.pos = end + 3;
    while (this.peek(quote[0]!) && this.pos - end < 5) raw += this.text[this.pos++]; // """a"""" ends in a quote
    if (quote === "'''") return raw;
    return raw.replace(/\\[ \t]*\r?\n\s*/g, '').replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) =>
      e.length > 1 ? String.fromCodePoint(Number.parseInt(e.slice(1), 16)) : (ESCAPES[e] ?? this.fail(`unknown escape \\${e}`)));
  }
  array(): TomlValue[] {
    this.expect('[');
    const items: TomlValue[] = [];
    for (this.blank(); !this.peek(']'); this.blank()) {
      const v = this.value();
      items.push(isInlineTable(v) ? null : v);
      this.blank();
      if (!this.peek(',')) break;
      this.pos++;
    }
    this.expect(']');
    return items;
  }
  inlineTable(): InlineTable {
    this.expect('{');
    const entries: InlineTable['entries'] = [];
    for (this.spaces(); !this.peek('}'); ) {
      const k = this.key();
      this.expect('=');
      this.spaces();
      entries.push([k, this.value()]);
      this.spaces();
      if (!this.peek(',')) break;
      this.pos++;
      this.spaces();
    }
    this.expect('}');
    return { entries };
  }
}

function isInlineTable(v: TomlValue | InlineTable): v is InlineTable {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function record(doc: TomlDocument, path: string[], v: TomlValue | InlineTable): void {
  if (!isInlineTable(v)) return void doc.values.set(path.join('.'), v);
  doc.tables.add(path.join('.'));
  for (const [k, inner] of v.entries) record(doc, [...path, ...k], inner);
}

/** Reads a TOML document's keys; throws an Error naming the line when it is not TOML it can follow. */
export function readToml(text: string): TomlDocument {
  const doc: TomlDocument = { values: new Map(), tables: new Set() };
  const r = new Reader(text);
  let table: string[] = [];
  for (r.blank(); r.pos < r.text.length; r.blank()) {
    if (r.peek('[')) {
      const arrayOfTables = r.peek('[[');
      r.pos += arrayOfTables ? 2 : 1;
      const name = r.key();
      r.expect(arrayOfTables ? ']]' : ']');
      // Entries of an array of tables are kept apart (`name[]`): none of them is pytest's.
      table = arrayOfTables ? [...name.slice(0, -1), `${name.at(-1)}[]`] : name;
      doc.tables.add(table.join('.'));
    } else {
      const k = r.key();
      r.expect('=');
      r.spaces();
      record(doc, [...table, ...k], r.value());
    }
    r.endOfLine();
  }
  return doc;
}
