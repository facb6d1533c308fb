import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { RECORD_MARK, parseFlake8Output } from './output.js';
import { parsePyStr } from './py-repr.js';

/** Strings whose repr uses every escape Python has: quotes, backslashes, controls, non-BMP, lone surrogates. */
const STRINGS = ['plain', "it's", 'say "hi"', `both ' and "`, 'tab\tnew\nline\rcr', 'back\\slash', '\u0000\u0007\u001f\u007f', 'ünï ✓ 𝄞', '\u00a0nbsp\u200bzw', 'bad\udcffbyte', ''];

/** Python's own `repr()` of each string, one per line (repr never prints a raw newline). */
function pythonReprs(strings: string[]): string[] {
  const code = 'import json, sys\nfor s in json.load(sys.stdin):\n    print(repr(s))';
  const r = spawnSync('/usr/bin/python3', ['-c', code], { input: JSON.stringify(strings), encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').slice(0, strings.length);
}

describe('parsePyStr', () => {
  it('decodes exactly what Python\'s repr() printed', () => {
    const reprs = pythonReprs(STRINGS);
    expect(reprs.map(parsePyStr)).toEqual(STRINGS);
  });

  it('refuses what is not one literal', () => {
    for (const bad of ['abc', "'abc", "'a'b'", "'\\q'", "'\\x4'", "'\\'", '"mixed\'', "'\\U00110000'"]) expect(parsePyStr(bad), bad).toBeUndefined();
  });
});

describe('parseFlake8Output', () => {
  const record = (...fields: string[]) => [RECORD_MARK, ...fields].join('\t');

  it('reads records, keeps other lines as unparsed, and tolerates CRLF', () => {
    const out = parseFlake8Output([
      record("'E501'", '3', '80', "'./a: b.py'", "'line too long (90 > 79 characters)'"),
      './a: b.py',
      record("'F401'", '1', '1', '"./it\'s.py"', '"\'os\' imported but unused"'),
      '2',
    ].join('\r\n'));
    expect(out.violations).toEqual([
      { code: 'E501', row: 3, col: 80, path: './a: b.py', text: 'line too long (90 > 79 characters)' },
      { code: 'F401', row: 1, col: 1, path: "./it's.py", text: "'os' imported but unused" },
    ]);
    expect(out.unparsed).toEqual(['./a: b.py', '2']);
    expect(out.badRecords).toEqual([]);
  });

  it('says why a marked record could not be read', () => {
    const out = parseFlake8Output([record("'E1'", 'x', '1', "'a.py'", "'t'"), record("'E1'", '1', '1', 'a.py', "'t'"), record('a', 'b')].join('\n'));
    expect(out.violations).toEqual([]);
    expect(out.badRecords).toEqual(['line 1: row x / column 1 are not numbers', 'line 2: the path is not a Python string literal', 'line 3: expected 6 tab-separated fields, got 3']);
  });
});
