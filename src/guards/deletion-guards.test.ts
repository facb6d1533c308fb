// What the guards let a delete_test task do: exactly its target tests may go, nothing else may.
import { describe, expect, it } from 'vitest';
import type { Task } from '../core/index.js';
import { buildGuards } from './build-guards.js';
import { deletionOnlyGuard, removedBlocks } from './deletion-only.js';
import { inventoryNotShrunkGuard } from './inventory-not-shrunk.js';
import { runGuards } from './run-guards.js';
import { change, makeInput, makeTask } from './test-support.js';

const FILE = 'tests/test_legacy.py';
const BASE = [
  'import pytest', '', '',
  '@pytest.mark.xfail(reason="quarantined by ATQOS: obsolete", strict=False)', 'def test_old():', '    assert legacy()', '', '',
  'def test_kept():', '    assert 1 + 1 == 2', '', '',
  'def test_other():', '    assert 2 * 2 == 4', '',
].join('\n');
const WITHOUT_OLD = BASE.replace('@pytest.mark.xfail(reason="quarantined by ATQOS: obsolete", strict=False)\ndef test_old():\n    assert legacy()\n\n\n', '');
const BEFORE = [`${FILE}::test_old`, `${FILE}::test_kept`, `${FILE}::test_other`, 'tests/test_x.py::test_x[1]'];

function deleteTask(nodeIds = [`${FILE}::test_old`]): Task {
  return { ...makeTask('delete_test', [FILE]), targets: { files: [FILE], nodeIds } };
}

function verdicts(task: Task, after: string, inventoryAfter: string[], changes = [change(FILE, { insertions: 0, deletions: 5 })]) {
  const guards = buildGuards({ pluginGuards: [], pluginProtected: [] });
  const input = makeInput({ task, changes, base: { [FILE]: BASE }, after: { [FILE]: after }, inventoryBefore: BEFORE, inventoryAfter: inventoryAfter });
  return Object.fromEntries(runGuards(guards, input).map((v) => [v.guard, v]));
}

describe('guards on a delete_test task', () => {
  it('pass when exactly the target test is gone, and say the deletion was planned', () => {
    const v = verdicts(deleteTask(), WITHOUT_OLD, BEFORE.slice(1));
    expect(Object.values(v).filter((x) => !x.passed)).toEqual([]);
    expect(v['inventory-not-shrunk']?.evidence).toBe(`1 target test(s) deleted as the delete_test task planned:\n${FILE}::test_old`);
  });

  it('reject an agent that deletes another test as well', () => {
    const after = WITHOUT_OLD.replace('def test_other():\n    assert 2 * 2 == 4\n', '');
    const v = verdicts(deleteTask(), after, [`${FILE}::test_kept`, 'tests/test_x.py::test_x[1]']);
    expect(v['inventory-not-shrunk']).toMatchObject({ passed: false, evidence: `1 of 4 collected tests are no longer collected:\n${FILE}::test_other` });
    expect(v['deletion-only']).toMatchObject({ passed: false, evidence: `${FILE}: 2 separate blocks were removed for 1 target test function(s) (test_old): something else went too` });
  });

  it('reject one that weakens another test while deleting, or touches another file', () => {
    const weakened = WITHOUT_OLD.replace('assert 1 + 1 == 2', 'assert True');
    expect(verdicts(deleteTask(), weakened, BEFORE.slice(1))['deletion-only']).toMatchObject({ passed: false, evidence: `${FILE}: lines were added or changed; a delete_test task only removes the target tests` });
    const removedAssert = WITHOUT_OLD.replace('    assert 1 + 1 == 2\n', '');
    expect(verdicts(deleteTask(), removedAssert, BEFORE.slice(1))['deletion-only']?.passed).toBe(false);
    const other = verdicts(deleteTask(), WITHOUT_OLD, BEFORE.slice(1), [change(FILE), change('tests/test_x.py', { status: 'deleted' })]);
    expect(other['deletion-only']?.evidence).toBe('tests/test_x.py (deleted) holds none of the tests to delete');
    expect(other['no-test-deleted']?.passed).toBe(false);
  });

  it('let every parametrized case of a target function go, but no case of another one', () => {
    const task = { ...deleteTask([`${FILE}::test_old`, 'tests/test_x.py::test_x[1]']), targets: { files: [FILE, 'tests/test_x.py'], nodeIds: [`${FILE}::test_old`, 'tests/test_x.py::test_x[1]'] } };
    const input = makeInput({ task, changes: [], inventoryBefore: [...BEFORE, 'tests/test_x.py::test_x[2]', 'tests/test_x.py::test_xy'], inventoryAfter: [`${FILE}::test_kept`, `${FILE}::test_other`, 'tests/test_x.py::test_xy'] });
    expect(inventoryNotShrunkGuard.check(input).passed).toBe(true);
    const noXy = { ...input, inventoryAfter: [`${FILE}::test_kept`, `${FILE}::test_other`] };
    expect(inventoryNotShrunkGuard.check(noXy)).toMatchObject({ passed: false, evidence: expect.stringContaining('tests/test_x.py::test_xy') });
  });

  it('never let any other task type make a test disappear', () => {
    const task = { ...makeTask('quarantine', [FILE]), targets: { files: [FILE], nodeIds: [`${FILE}::test_old`] } };
    const v = verdicts(task, WITHOUT_OLD, BEFORE.slice(1));
    expect(v['inventory-not-shrunk']).toMatchObject({ passed: false, evidence: `1 of 4 collected tests are no longer collected:\n${FILE}::test_old` });
    expect(deletionOnlyGuard.check(makeInput({ task, changes: [change(FILE)] }))).toEqual({ guard: 'deletion-only', passed: true });
  });
});

describe('deletion-only: the removed lines lie inside the target functions', () => {
  // The reviewer's case: one block takes test_target and the assert ending test_other before it.
  const base = [
    'def f():', '    return 1', '', '',
    'def test_other():', '    x = f()', '    assert x == 1', '', '',
    '@pytest.mark.xfail(reason="quarantined by ATQOS: obsolete test", strict=False)', 'def test_target():', '    assert f() == 1', '    # the legacy path', '', '',
    'def test_third():', '    assert f() == 1', '',
  ].join('\n');
  const file = 'tests/test_a.py';
  const check = (after: string, nodeIds = [`${file}::test_target`]) => deletionOnlyGuard.check(makeInput({
    task: { ...makeTask('delete_test', [file]), targets: { files: [file], nodeIds } }, changes: [change(file, { insertions: 0 })], base: { [file]: base }, after: { [file]: after },
  }));

  it('rejects one block that takes the tail of the test before the target along with it', () => {
    const after = base.replace('    assert x == 1\n\n\n@pytest.mark.xfail(reason="quarantined by ATQOS: obsolete test", strict=False)\ndef test_target():\n    assert f() == 1\n    # the legacy path\n\n\n', '');
    expect(removedBlocks(base, after)).toBe(1);
    expect(check(after)).toEqual({ guard: 'deletion-only', passed: false, evidence: `${file}: lines outside the target test function(s) (test_target) were removed; a delete_test task removes only the target tests` });
  });

  it('accepts the target with its decorator, closing comment and blank lines, however the equal lines align', () => {
    const exact = base.replace('@pytest.mark.xfail(reason="quarantined by ATQOS: obsolete test", strict=False)\ndef test_target():\n    assert f() == 1\n    # the legacy path\n\n\n', '');
    expect(check(exact)).toEqual({ guard: 'deletion-only', passed: true });
    // Blank lines taken from before the target instead of after it: still only the target's surroundings.
    const before = base.replace('\n\n@pytest.mark.xfail(reason="quarantined by ATQOS: obsolete test", strict=False)\ndef test_target():\n    assert f() == 1\n    # the legacy path\n', '');
    expect(check(before)).toEqual({ guard: 'deletion-only', passed: true });
  });

  it('rejects removing only part of another test, and names a target missing from the base', () => {
    expect(check(base.replace('    x = f()\n', '')).passed).toBe(false);
    expect(check(base.replace('def test_third():\n    assert f() == 1\n', ''), [`${file}::test_target`, `${file}::test_gone`])).toEqual({
      guard: 'deletion-only', passed: false, evidence: `${file}: test_gone is not in the file at the base commit, so what may be deleted cannot be told`,
    });
  });
});

describe('inventory-not-shrunk without a base inventory', () => {
  it('fails a delete_test task (its deletion would go unchecked) and lets other task types pass as not checked', () => {
    const del = inventoryNotShrunkGuard.check(makeInput({ task: deleteTask(), changes: [change(FILE)] }));
    expect(del.passed).toBe(false);
    expect(del.evidence).toMatch(/^no test inventory was listed at the base, so nothing shows that only the target tests were deleted; make the test suite collect/);
    expect(inventoryNotShrunkGuard.check(makeInput({ task: makeTask('fix', ['src/**']), changes: [change('src/a.py')] }))).toEqual({ guard: 'inventory-not-shrunk', passed: true, evidence: 'not checked: no inventory was listed before the attempt' });
  });
});

describe('removedBlocks', () => {
  it('counts the blocks of lines taken out, and refuses added or changed lines', () => {
    expect(removedBlocks('a\nb\nc\nd', 'a\nd')).toBe(1);
    expect(removedBlocks('a\nb\nc\nd\ne', 'a\nc\ne')).toBe(2);
    expect(removedBlocks('a\nb\nc', 'a\nb')).toBe(1);
    expect(removedBlocks('a\nb', 'a\nb')).toBe(0);
    expect(removedBlocks('a\nb', 'a\nx\nb')).toBeUndefined();
    expect(removedBlocks('a\nb', 'b\na')).toBeUndefined();
  });
});
