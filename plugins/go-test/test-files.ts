/** Go test files: `*_test.go` anywhere, and `testdata/` trees (fixtures go's tooling ignores otherwise). */
export function isGoTestFile(path: string): boolean {
  return /(?:^|\/)[^/]*_test\.go$/.test(path) || /(?:^|\/)testdata\//.test(path);
}

/** `Plugin.testFiles` for go-test: go's naming rule holds in every repo. */
export function goTestFiles(): (path: string) => boolean {
  return isGoTestFile;
}
