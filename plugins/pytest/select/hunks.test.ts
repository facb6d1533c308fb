import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inventoryPluginDir } from '../collect.js';
import { CodeUnits, lineKinds } from './code-units.js';
import { newLines, oldLines, parseHunks } from './hunks.js';

describe('parseHunks', () => {
  it('reads -U0 hunk headers; an omitted count is 1', () => {
    const diff = ['diff --git a/x.py b/x.py', '--- a/x.py', '+++ b/x.py', '@@ -3 +3 @@ def f():', '-a', '+b', '@@ -10,0 +11,2 @@', '+c', '+d', '@@ -20,3 +22,0 @@', '-e'].join('\n');
    const hunks = parseHunks(diff);
    expect(hunks).toEqual([
      { oldStart: 3, oldCount: 1, newStart: 3, newCount: 1 },
      { oldStart: 10, oldCount: 0, newStart: 11, newCount: 2 },
      { oldStart: 20, oldCount: 3, newStart: 22, newCount: 0 },
    ]);
    expect(hunks.map((h) => [oldLines(h), newLines(h)])).toEqual([[[3, 3], [3, 3]], [undefined, [11, 12]], [[20, 22], undefined]]);
  });

  it('ignores lines that only look like headers inside content', () => {
    expect(parseHunks('+@@ -1 +1 @@ not a header\n')).toEqual([]);
  });
});

describe('atqos_code_units.py (real python)', () => {
  const source = ['"""Module doc."""', 'import os', '', '', '@decorate', 'def f(x):', '    # why', '    return x', '', 'class C:', '    """Doc."""', '    y = 2', '', '    def m(self):', '        def inner():', '            pass', '        return inner', ''].join('\n');
  const run = (docstringsAreCode: boolean) =>
    CodeUnits.parse(JSON.parse(execFileSync('python3', [path.join(inventoryPluginDir(), 'atqos_code_units.py')], { input: JSON.stringify({ docstringsAreCode, files: { a: source, bad: 'def (' } }), encoding: 'utf8' })));

  it('functions (with decorators and nested defs) are units; module and class bodies are import-time code', () => {
    const units = run(false);
    const a = units['a'];
    if (!a?.ok) throw new Error('a did not parse');
    expect(a.units).toEqual([{ name: 'f', start: 5, end: 8 }, { name: 'C.m', start: 14, end: 17 }]);
    expect(lineKinds(a, [1, 3]).map((k) => k.kind)).toEqual(['none', 'module', 'none']);
    expect(lineKinds(a, [7, 7])).toEqual([{ kind: 'unit', name: 'f' }]);
    expect(lineKinds(a, [10, 12]).map((k) => k.kind)).toEqual(['module', 'none', 'module']);
    expect(units['bad']).toMatchObject({ ok: false, error: expect.stringMatching(/SyntaxError/) });
  });

  it('with doctests, module docstrings are code too', () => {
    const a = run(true)['a'];
    if (!a?.ok) throw new Error('a did not parse');
    expect(lineKinds(a, [1, 1])).toEqual([{ kind: 'module' }]);
  });
});
