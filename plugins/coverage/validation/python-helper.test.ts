// add_test_check.py's own unit tests, run by real pytest under the Debian interpreter.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { addTestCheckScript } from './helper-path.js';

it('add_test_check.py passes its pytest unit tests', () => {
  const dir = path.dirname(addTestCheckScript());
  const run = spawnSync('/usr/bin/python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'test_add_test_check.py'], {
    cwd: dir, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(run.stdout).toMatch(/\b13 passed\b/);
});
