/**
 * Whether a repo-relative path is pytest test code: `test_*.py`, `*_test.py`, any `.py` under a
 * `test/` or `tests/` directory, and `conftest.py` anywhere. conftest.py counts because it is
 * test infrastructure: its fixtures and hooks decide how tests run, so deleting or renaming it
 * hides tests just as deleting a test module does, and its assertions (in fixtures) are checks too.
 */
export function isPytestTestFile(path: string): boolean {
  if (!path.endsWith('.py')) return false;
  const base = path.split('/').pop() ?? path;
  return /^test_.+\.py$|^.+_test\.py$|^conftest\.py$/.test(base) || /(?:^|\/)tests?\//.test(path);
}
