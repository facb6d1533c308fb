import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The add_test validation helper, run with the configured interpreter in the task's worktree. */
export const ADD_TEST_CHECK = 'add_test_check.py';

/**
 * Absolute path of `plugins/coverage/python/add_test_check.py`, found by walking up from this
 * module: the same lookup works from the sources, from `dist/plugins/…` and from a bundle at
 * `dist/atqos.mjs` (which finds the package's `plugins/coverage/python/`).
 */
export function addTestCheckScript(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, 'python'), path.join(dir, 'plugins', 'coverage', 'python')]) {
      if (fs.existsSync(path.join(candidate, ADD_TEST_CHECK))) return path.join(candidate, ADD_TEST_CHECK);
    }
    if (path.dirname(dir) === dir) return path.join(here, '..', 'python', ADD_TEST_CHECK);
  }
}
