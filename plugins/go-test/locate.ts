import path from 'node:path';
import { repoRelative, toPosix } from '../../src/core/index.js';
import type { GoPackageInfo } from './packages.js';
import type { Frame } from './test-output.js';

/** Where things are in the repo, from `packages.json` and the repo dir. Pure. */
export interface Locator {
  info(importPath: string): GoPackageInfo | undefined;
  /** Repo-relative path of an absolute or go-relative path, or undefined outside the repo. */
  repoPath(p: string): string | undefined;
  /** The file a log line names (`calc_test.go`, printed without its dir) in a package. */
  logFile(importPath: string, printed: string): string | undefined;
  /** The repo file declaring top-level test `name` of a package. */
  testFile(importPath: string, testName: string): string | undefined;
  /** The innermost trace frame inside the repo (the code that panicked). */
  repoFrame(frames: readonly Frame[]): { file: string; line: number } | undefined;
}

export function createLocator(packages: readonly GoPackageInfo[], repoDir: string): Locator {
  const byPath = new Map(packages.map((p) => [p.importPath, p]));
  // Longest dir first, so a nested package wins over its parent.
  const dirs = packages.filter((p) => p.dir !== undefined && p.goDir).sort((a, b) => b.goDir.length - a.goDir.length);
  const repoPath = (p: string): string | undefined => {
    const posix = toPosix(p);
    if (!path.posix.isAbsolute(posix) && !/^[A-Za-z]:\//.test(posix)) return repoRelative(posix, repoDir);
    const pkg = dirs.find((d) => posix.startsWith(`${d.goDir}/`));
    if (pkg) return path.posix.join(pkg.dir!, posix.slice(pkg.goDir.length + 1));
    return repoRelative(posix, repoDir);
  };
  return {
    info: (importPath) => byPath.get(importPath),
    repoPath,
    logFile(importPath, printed) {
      if (printed.includes('/')) return repoPath(printed);
      const info = byPath.get(importPath);
      return info?.dir === undefined ? undefined : path.posix.join(info.dir, printed);
    },
    testFile: (importPath, testName) => byPath.get(importPath)?.tests[testName.split('/')[0]!],
    repoFrame(frames) {
      for (const f of frames) {
        const file = repoPath(f.path);
        if (file && path.posix.isAbsolute(toPosix(f.path))) return { file, line: f.line };
      }
      return undefined;
    },
  };
}
