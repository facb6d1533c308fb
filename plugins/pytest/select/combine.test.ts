import { describe, expect, it } from 'vitest';
import { combineSelection, selectionArgv } from './combine.js';
import { intersectTargets, within } from './targets.js';

describe('combineSelection', () => {
  it('no criteria: the whole suite (testPaths), no -m', () => {
    const sel = combineSelection({ restrictions: [], testPaths: ['tests'] });
    expect(sel).toEqual({ targets: undefined, markers: undefined });
    expect(selectionArgv(sel, ['tests'])).toEqual(['tests']);
  });

  it('markers and tier markers join with "and", each parenthesized', () => {
    expect(combineSelection({ markers: 'not slow', tierMarkers: 'p0 or p1', restrictions: [], testPaths: [] }).markers).toBe('(not slow) and (p0 or p1)');
    expect(combineSelection({ tierMarkers: 'p0', restrictions: [], testPaths: [] }).markers).toBe('p0');
  });

  it('positional restrictions intersect, bounded by testPaths', () => {
    const sel = combineSelection({
      restrictions: [
        { name: 'select.paths', targets: ['tests/unit', 'tests/e2e/test_x.py'] },
        { name: 'impacted tests', targets: ['tests/unit/test_a.py::test_1', 'tests/other/test_b.py::t', 'tests/e2e'] },
      ],
      testPaths: ['tests'],
    });
    expect(sel.targets).toEqual(['tests/e2e/test_x.py', 'tests/unit/test_a.py::test_1']);
  });

  it('says which restriction emptied the selection', () => {
    const sel = combineSelection({ restrictions: [{ name: 'select.paths', targets: ['tests/a.py'] }, { name: 'risk tiers P0', targets: ['tests/b.py'] }], testPaths: [] });
    expect(sel).toMatchObject({ targets: [], emptyAfter: 'risk tiers P0' });
  });

  it('targets starting with "-" become ./ paths; -m comes after them', () => {
    expect(selectionArgv({ targets: ['-x_test.py', 'tests/t.py::a[-1]'], markers: 'p0' }, [])).toEqual(['./-x_test.py', 'tests/t.py::a[-1]', '-m', 'p0']);
  });
});

describe('targets', () => {
  it('within: same, below a directory, or a test of the file; never a sibling with the same prefix', () => {
    expect(within('tests/a.py::t', 'tests/a.py')).toBe(true);
    expect(within('tests/a.py', 'tests')).toBe(true);
    expect(within('tests2/a.py', 'tests')).toBe(false);
    expect(within('tests/a.pyc', 'tests/a.py')).toBe(false);
    expect(intersectTargets(['tests'], ['tests/a.py::t', 'src/x.py'])).toEqual(['tests/a.py::t']);
  });
});
