import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { toPosix } from '../../src/core/index.js';

/** One package of the run as `go list` describes it, with its test functions located. */
export const GoPackageInfo = z.object({
  importPath: z.string(),
  /** Repo-relative posix dir ('' for the root); undefined when outside the repo. */
  dir: z.string().optional(),
  /** The absolute dir as go prints it in stack traces. */
  goDir: z.string(),
  /** Repo-relative non-test `.go` files: the code under test. */
  sourceFiles: z.array(z.string()).default([]),
  testFiles: z.array(z.string()).default([]),
  /** Top-level test function → the repo-relative file declaring it. */
  tests: z.record(z.string(), z.string()).default({}),
  /** go list's error for the package (it does not load or build). */
  error: z.string().optional(),
});
export type GoPackageInfo = z.infer<typeof GoPackageInfo>;

/** `raw/go-test/packages.json`: written by collect, read by normalize. */
export const GoPackages = z.object({ packages: z.array(GoPackageInfo), error: z.string().optional() });
export type GoPackages = z.infer<typeof GoPackages>;

// The fields of `go list -e -json` ATQOS reads.
const GoListEntry = z.object({
  ImportPath: z.string(),
  Dir: z.string().default(''),
  GoFiles: z.array(z.string()).nullish(),
  CgoFiles: z.array(z.string()).nullish(),
  TestGoFiles: z.array(z.string()).nullish(),
  XTestGoFiles: z.array(z.string()).nullish(),
  Error: z.object({ Err: z.string() }).nullish(),
});
type GoListEntry = z.infer<typeof GoListEntry>;

/** `go list -json` prints concatenated objects, each closing with a `}` alone on its line. */
export function splitGoListJson(text: string): GoListEntry[] {
  return text.split(/^}$/m).flatMap((chunk) => {
    const body = chunk.trim();
    if (!body.startsWith('{')) return [];
    try {
      const r = GoListEntry.safeParse(JSON.parse(`${body}\n}`));
      return r.success ? [r.data] : [];
    } catch {
      return [];
    }
  });
}

// `func TestX(t *testing.T)`, also Benchmark/Example/Fuzz; names may hold any Unicode letter.
const TEST_FUNC = /^func\s+((?:Test|Benchmark|Example|Fuzz)[^\s(]*)\s*\(/gmu;

function declaredTests(absDir: string, relDir: string, files: string[]): Record<string, string> {
  const tests: Record<string, string> = {};
  for (const file of files) {
    let text = '';
    try {
      text = fs.readFileSync(path.join(absDir, file), 'utf8');
    } catch {
      continue;
    }
    for (const m of text.matchAll(TEST_FUNC)) tests[m[1]!] ??= path.posix.join(relDir, file);
  }
  return tests;
}

function realDir(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** The packages of a `go list -e -json` output, located in the repo and their tests found. I/O. */
export function describePackages(goListStdout: string, repoDir: string): GoPackageInfo[] {
  const root = realDir(repoDir);
  return splitGoListJson(goListStdout).map((e) => {
    const rel = e.Dir ? toPosix(path.relative(root, realDir(e.Dir))) : undefined;
    const dir = rel === undefined || rel.startsWith('..') || path.isAbsolute(rel) ? undefined : rel;
    const at = (files: string[]) => files.map((f) => path.posix.join(dir ?? '', f));
    const testFiles = [...(e.TestGoFiles ?? []), ...(e.XTestGoFiles ?? [])];
    return {
      importPath: e.ImportPath,
      ...(dir !== undefined ? { dir } : {}),
      goDir: toPosix(e.Dir),
      sourceFiles: dir === undefined ? [] : at([...(e.GoFiles ?? []), ...(e.CgoFiles ?? [])]),
      testFiles: dir === undefined ? [] : at(testFiles),
      tests: dir === undefined || !e.Dir ? {} : declaredTests(e.Dir, dir, testFiles),
      ...(e.Error ? { error: e.Error.Err } : {}),
    };
  });
}

/** Reads `packages.json`; an unreadable file gives no packages (normalize then knows less, not wrong). */
export function parsePackages(text: string | undefined): GoPackages {
  if (text === undefined) return { packages: [], error: 'packages.json is missing' };
  try {
    const r = GoPackages.safeParse(JSON.parse(text));
    return r.success ? r.data : { packages: [], error: `packages.json does not match its schema: ${r.error.issues[0]?.message}` };
  } catch (err) {
    return { packages: [], error: `packages.json is not JSON: ${(err as Error).message}` };
  }
}
