import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { skipAuditPythonDir } from './helper-dir.js';
import { parseSkipInventory } from './inventory.js';
import type { SkipInventory } from './inventory.js';
import { isPermanent, selectForUnskip } from './select.js';
import { removeTemps, tempDir } from './test-support.js';

const HOSTILE = `import pytest as pt
from pytest import mark as m, importorskip
import unittest
from unittest import skipUnless

slow = pt.mark.skip(reason="too slow")
pytestmark = (m.xfail(reason="module-wide"),)
np = importorskip("numpy")


@slow
def test_ñandú():
    pt.xfail()


@m.skipif("sys.platform == 'linux'", reason="not on linux")
@m.skipif(condition=False, reason="never")
def test_$dollar():
    """docstring first."""
    pt.skip()


class TestNested:
    pytestmark = [m.skip]

    class TestInner:
        @unittest.skip("")
        def test_inner(self):
            pass


@skipUnless(False, "needs the moon")
def test_unless():
    pass
`;

const STAR = 'from .helpers import *\n';

function inventory(files: Record<string, string>, imports: { module: string; name: string }[] = [], python = 'python3'): SkipInventory {
  const root = tempDir('atqos-skip-inventory-');
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    // A coding cookie names the bytes' encoding: write such files in it.
    fs.writeFileSync(path.join(root, rel), /coding: latin-1/.test(text) ? Buffer.from(text, 'latin1') : text);
  }
  const request = path.join(root, '..', `${path.basename(root)}-request.json`);
  const out = path.join(root, '..', `${path.basename(root)}-out.json`);
  fs.writeFileSync(request, JSON.stringify({ root, files: Object.keys(files).filter((f) => f.startsWith('tests/')), imports }));
  execFileSync(python, [path.join(skipAuditPythonDir(), 'atqos_skip_inventory.py'), request, out]);
  const parsed = parseSkipInventory(fs.readFileSync(out, 'utf8'));
  fs.rmSync(request);
  fs.rmSync(out);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.inventory;
}

afterAll(removeTemps);

describe.each(['python3', '/usr/bin/python3'])('atqos_skip_inventory.py with %s', (python) => {
  const inv = inventory({
    'tests/test_hostile $(touch x) ü.py': HOSTILE.replace('test_$dollar', 'test_dollar'),
    'tests/test_broken.py': 'def test_x(:\n    pass\n',
    'tests/test_latin1.py': '# -*- coding: latin-1 -*-\nimport pytest\n@pytest.mark.skip(reason="caf\xe9")\ndef test_cafe():\n    pass\n',
    'src/pkg/__init__.py': 'from .core import Engine\n',
    'src/pkg/core.py': 'import os\nif os.name:\n    class Engine: pass\nelse:\n    Other = 1\n',
    'src/pkg/sub.py': '',
    'src/pkg/dyn.py': STAR,
  }, [
    { module: 'pkg.core', name: 'Engine' }, { module: 'pkg.core', name: 'Other' }, { module: 'pkg.core', name: 'Gone' },
    { module: 'pkg', name: 'sub' }, { module: 'pkg.dyn', name: 'X' }, { module: 'nowhere', name: 'Y' },
  ], python);
  const file = 'tests/test_hostile $(touch x) ü.py';
  const of = (target: string) => inv.skips.filter((s) => s.file === file && s.target.join('::') === target).map((s) => [s.kind, s.reason, s.conditions, s.staticTruth]);

  it('resolves aliases, assigned marks, pytestmark tuples and lists, unittest decorators and calls', () => {
    expect(of('')).toEqual([['xfail', 'module-wide', [], null], ['call.importorskip', 'numpy', [], null]]);
    expect(of('test_ñandú')).toEqual([['skip', 'too slow', [], null], ['call.xfail', null, [], null]]);
    expect(of('test_dollar')).toEqual([
      ['skipif', 'not on linux', ['"sys.platform == \'linux\'"'], null],
      ['skipif', 'never', ['False'], false],
      ['call.skip', null, [], null],
    ]);
    expect(of('TestNested')).toEqual([['skip', null, [], null]]);
    expect(of('TestNested::TestInner::test_inner')).toEqual([['unittest.skip', '', [], null]]);
    expect(of('test_unless')).toEqual([['unittest.skipUnless', 'needs the moon', ['False'], true]]);
    expect(inv.tests.filter((t) => t.file === file).map((t) => t.qualname.join('::'))).toEqual(['test_ñandú', 'test_dollar', 'TestNested::TestInner::test_inner', 'test_unless']);
  });

  it('a pytest.skip() after a docstring is the opening call and can be neutralized; unittest and runtime skips cannot', () => {
    const call = inv.skips.find((s) => s.kind === 'call.skip')!;
    expect([call.opening, call.neutralizable]).toEqual([true, true]);
    const sel = selectForUnskip(inv);
    expect(sel.run.map((t) => t.qualname.join('::'))).toEqual(['test_cafe']);
    // The module's importorskip decides at run time, so no test of that file is lifted.
    expect(sel.notExecutable.map((n) => n.testId.slice(file.length + 2))).toEqual(['test_ñandú', 'test_dollar', 'TestNested::TestInner::test_inner', 'test_unless']);
    expect(inv.skips.filter(isPermanent).map((s) => s.target.join('::'))).toEqual(['test_ñandú', 'test_dollar', 'TestNested', 'TestNested::TestInner::test_inner', 'test_unless', 'test_cafe']);
  });

  it('reports a file that does not parse and reads a latin-1 file by its coding cookie', () => {
    expect(inv.errors).toEqual([{ file: 'tests/test_broken.py', line: 1, message: expect.stringContaining('SyntaxError') }]);
    expect(inv.skips.find((s) => s.file === 'tests/test_latin1.py')?.reason).toBe('café');
  });

  it('tells which project modules define a name, and says when it cannot tell', () => {
    expect(inv.imports.map((c) => [c.module, c.name, c.file, c.defines])).toEqual([
      ['pkg.core', 'Engine', 'src/pkg/core.py', true],
      ['pkg.core', 'Other', 'src/pkg/core.py', true],
      ['pkg.core', 'Gone', 'src/pkg/core.py', false],
      ['pkg', 'sub', 'src/pkg/__init__.py', true],
      ['pkg.dyn', 'X', 'src/pkg/dyn.py', null],
      ['nowhere', 'Y', null, null],
    ]);
  });
});

describe('parseSkipInventory', () => {
  it('says what is wrong with a missing, non-JSON or foreign document, and drops bad records with a reason', () => {
    expect(parseSkipInventory(undefined)).toMatchObject({ ok: false, error: expect.stringContaining('wrote no inventory.json') });
    expect(parseSkipInventory('{')).toMatchObject({ ok: false, error: expect.stringContaining('not JSON') });
    expect(parseSkipInventory('{"version":2}')).toMatchObject({ ok: false, error: expect.stringContaining('unexpected shape') });
    const parsed = parseSkipInventory(JSON.stringify({ version: 1, python: '3', tests: [{ file: 'a.py', qualname: [], line: 1 }], skips: [], errors: [], imports: [] }));
    expect(parsed).toMatchObject({ ok: true, inventory: { tests: [], dropped: [expect.stringContaining('test #0')] } });
  });
});
