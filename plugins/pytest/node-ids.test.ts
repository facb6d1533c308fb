import { describe, expect, it } from 'vitest';
import { caseKey, junitKey, nodeSymbol, stableNodeId } from './node-ids.js';

describe('node ids', () => {
  it('maps a node id to the classname/name pytest writes in JUnit', () => {
    expect(junitKey('tests/test_a.py::TestX::test_y[a/b::c]')).toBe(caseKey('tests.test_a.TestX', 'test_y[a/b::c]'));
    expect(junitKey('tests/test_a.py')).toBe(caseKey('', 'tests.test_a'));
  });

  it('names the test function without parameters', () => {
    expect(nodeSymbol('tests/t.py::TestX::test_y[1]')).toBe('TestX.test_y');
    expect(nodeSymbol('tests/t.py')).toBeUndefined();
  });

  it('keeps numbers in parametrize ids but drops temp paths and addresses', () => {
    expect(stableNodeId('t.py::test_r[1.5s]', [])).not.toBe(stableNodeId('t.py::test_r[2.5s]', []));
    expect(stableNodeId('t.py::test_r[line 1]', [])).not.toBe(stableNodeId('t.py::test_r[line 2]', []));
    expect(stableNodeId('t.py::test_p[/tmp/pytest-of-u/pytest-7/x0]', [])).toBe(stableNodeId('t.py::test_p[/tmp/pytest-of-u/pytest-9/x0]', []));
    expect(stableNodeId('t.py::test_o[<O at 0x7f3a2c1d>]', [])).toBe(stableNodeId('t.py::test_o[<O at 0x7f00aa00>]', []));
  });
});

describe('relativize', () => {
  it('strips a root and paths below it, never a sibling that shares its prefix', async () => {
    const { relativize } = await import('./traceback.js');
    expect(relativize('/x/repo/src/a.py and /x/repository/b.py and /x/repo', ['/x/repo'])).toBe('src/a.py and /x/repository/b.py and .');
  });
});
