import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Every temp dir the tests make (repos, run dirs, worktrees, tool output) goes under one
 * directory per test run, removed at the end: test workers and the tools they start inherit
 * TMPDIR, so nothing is left in the machine's /tmp.
 */
export default function setup(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-tests-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    if (!process.env.ATQOS_KEEP_TEST_TMP) fs.rmSync(dir, { recursive: true, force: true });
  };
}
