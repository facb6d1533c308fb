/** vitest's default `include`, `**\/*.{test,spec}.?(c|m)[jt]s?(x)`, as a regex over repo paths. */
const DEFAULT_INCLUDE = /(?:^|\/)[^/]+\.(?:test|spec)\.(?:c|m)?[jt]sx?$/;

/** Test support: setup files, mocks, and anything under a test directory (helpers, fixtures). */
const TEST_SUPPORT = /(?:^|\/)(?:__tests__|__mocks__|tests?)\/.*\.(?:c|m)?[jt]sx?$|(?:^|\/)(?:vitest|vite)\.(?:setup|workspace)\.(?:c|m)?[jt]s$|(?:^|\/)setupTests\.(?:c|m)?[jt]sx?$/;

/**
 * Whether a repo-relative path is vitest test code: a file vitest's default `include` selects,
 * or test support (setup files, mocks, helpers under `test/`, `tests/`, `__tests__/`), whose
 * weakening hides failures as surely as editing a test. A custom `include` in the vitest config
 * is not read (it is code); its files usually match these patterns anyway.
 */
export function isVitestTestFile(path: string): boolean {
  return DEFAULT_INCLUDE.test(path) || TEST_SUPPORT.test(path);
}

/** `Plugin.testFiles` for vitest. */
export function vitestTestFiles(_repoDir: string, _options: unknown): (path: string) => boolean {
  return isVitestTestFile;
}
