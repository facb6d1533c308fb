import path from 'node:path';
import { pluginPythonDir } from '../../_lib/python-dir.js';

/** The add_test validation helper, run with the configured interpreter in the task's worktree. */
export const ADD_TEST_CHECK = 'add_test_check.py';

/**
 * Absolute path of `plugins/coverage/python/add_test_check.py`, found by walking up from this
 * module: the same lookup works from the sources, from `dist/plugins/…` and from a bundle at
 * `dist/atqos.mjs` (which finds the package's `plugins/coverage/python/`).
 */
export function addTestCheckScript(): string {
  return path.join(pluginPythonDir(import.meta.url, 'coverage', ADD_TEST_CHECK, path.join('..', 'python')), ADD_TEST_CHECK);
}
