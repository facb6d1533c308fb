import path from 'node:path';
import { toPosix } from '../../src/core/index.js';
import { argsValue, shellSplit } from './config/args.js';
import { fnmatchEx } from './config/fnmatch.js';
import { locatePytestConfig } from './config/locate.js';
import { PytestOptions } from './schema.js';

/** pytest's `python_files` when no config sets it. */
export const DEFAULT_PYTHON_FILES: readonly string[] = ['test_*.py', '*_test.py'];

/** Test code pytest does not collect as tests: fixtures and hooks, helpers beside the tests. */
const TEST_SUPPORT = /(?:^|\/)conftest\.py$|(?:^|\/)tests?\//;

/** The last `-o python_files=…` / `--override-ini python_files=…` among pytest arguments. */
function overriddenPythonFiles(args: readonly string[]): string[] | undefined {
  let found: string | undefined;
  args.forEach((a, i) => {
    const value = a === '-o' || a === '--override-ini' ? args[i + 1] : /^(?:-o|--override-ini=)(.+)$/s.exec(a)?.[1];
    const m = value === undefined ? null : /^python_files=(.*)$/s.exec(value);
    if (m) found = m[1];
  });
  return found === undefined ? undefined : shellSplit(found);
}

/**
 * The repo's effective `python_files`: an `-o python_files=…` in `plugins.pytest.args`, else its
 * pytest config file's, else pytest's default (also when that file cannot be parsed).
 */
export function pythonFilesPatterns(repoDir: string, options: unknown): string[] {
  const parsed = PytestOptions.safeParse(options ?? {});
  const override = parsed.success ? overriddenPythonFiles(parsed.data.args) : undefined;
  if (override) return override;
  return argsValue(locatePytestConfig(repoDir)?.options.get('python_files')) ?? [...DEFAULT_PYTHON_FILES];
}

/**
 * Whether a repo-relative `.py` path is pytest test code: a module `patterns` (`python_files`)
 * select, a file named on the command line (pytest collects those whatever their name), or test
 * support — `conftest.py` anywhere and any module under a `test/` or `tests/` directory, whose
 * fixtures, hooks and helpers decide how tests run, so deleting or weakening them hides failures
 * as surely as editing a test module.
 */
export function pytestTestFileMatcher(patterns: readonly string[], repoDir = '/', named: readonly string[] = []): (path: string) => boolean {
  const root = toPosix(path.resolve(repoDir));
  const explicit = new Set(named);
  return (rel) =>
    rel.endsWith('.py') && (TEST_SUPPORT.test(rel) || explicit.has(rel) || patterns.some((p) => fnmatchEx(p, path.posix.join(root, rel))));
}

/** pytest test code with the default `python_files`, for code that has no repo at hand. */
export const isPytestTestFile: (path: string) => boolean = pytestTestFileMatcher(DEFAULT_PYTHON_FILES);

/** `.py` files among the configured test paths (`tests/test_a.py::test_x` → `tests/test_a.py`). */
function namedFiles(options: unknown): string[] {
  const parsed = PytestOptions.safeParse(options ?? {});
  const paths = parsed.success ? parsed.data.testPaths : [];
  return paths.map((p) => p.split('::')[0]!.replace(/^(?:\.\/)+/, '')).filter((p) => p.endsWith('.py'));
}

/** `Plugin.testFiles` for pytest: the matcher for this repo's config, read once. */
export function pytestTestFiles(repoDir: string, options: unknown): (path: string) => boolean {
  return pytestTestFileMatcher(pythonFilesPatterns(repoDir, options), repoDir, namedFiles(options));
}
