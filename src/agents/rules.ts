import type { TaskType } from '../core/index.js';

/** Task types whose job is to change test files themselves. */
const TEST_EDITING_TYPES: ReadonlySet<TaskType> = new Set(['update_test', 'add_test', 'remove_skip', 'quarantine', 'delete_test']);

/**
 * What the guards will reject, told to the agent up front so an honest agent does not waste an
 * attempt. Wording only: the guards themselves decide, whatever the agent was told.
 */
export function rejectionRules(type: TaskType): { rules: string[]; note?: string } {
  const rules = [
    'editing, adding or deleting any file outside the allowed paths, or any forbidden path;',
    'touching dependency manifests or lockfiles (requirements*.txt, pyproject.toml dependencies, package.json, *.lock, …), CI workflows (.github/workflows), conftest.py files or pytest configuration' +
      (type === 'fix_env' ? ' — unless the task itself is about that file and it is in the allowed paths;' : ';'),
    type === 'delete_test'
      ? 'deleting or renaming any test other than the target tests named above, or adding or changing any line (a deletion task only removes lines);'
      : 'deleting or renaming a test, or anything that makes fewer tests get collected;',
    type === 'quarantine'
      ? 'adding skip or xfail markers anywhere except on the quarantined tests named above;'
      : 'adding skip, skipif or xfail markers, or calling pytest.skip() / pytest.xfail();',
    'removing or weakening assertions in a test file (for example replacing one with `assert True`);',
    'tampering with how outcomes are reported (pytest hooks that rewrite reports, os._exit(), sys.exit() in tests);',
    'a diff larger than the size cap: keep the change small and focused.',
  ];
  if (type === 'fix') {
    return {
      rules,
      note: 'For this fix task the target tests are run from their BASE version: edits you make to those test files are discarded for validation, so changing a test to make it pass does not help. Fix the code under test. If you are sure the test itself is wrong, say so in your result (status "gave_up") instead of editing it.',
    };
  }
  if (TEST_EDITING_TYPES.has(type)) {
    return { rules, note: 'This task may change test files, but each test must keep checking real behaviour.' };
  }
  return { rules };
}
