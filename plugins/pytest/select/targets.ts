import fs from 'node:fs';
import path from 'node:path';
import { AtqosError, toPosix } from '../../../src/core/index.js';
import { matchGlob } from '../../../src/guards/index.js';
import { fnmatchEx } from '../config/fnmatch.js';

// Positional pytest targets: files, directories and node ids, repo-relative posix.

const GLOB = /[*?[{]/;
/** pytest's default `norecursedirs`, plus caches: never test code. */
const SKIP_DIRS = new Set(['node_modules', 'venv', 'build', 'dist', 'CVS', '_darcs', '{arch}', '__pycache__', 'site-packages']);

const clean = (p: string) => p.replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');

/** Whether target `x` lies within target `y` (same, below the directory, or a test of the file). */
export function within(x: string, y: string): boolean {
  return y === '' || x === y || x.startsWith(`${y}/`) || x.startsWith(`${y}::`);
}

/** The targets of `a` inside some target of `b` and of `b` inside some of `a`: what both select. */
export function intersectTargets(a: readonly string[], b: readonly string[]): string[] {
  const out = [...a.filter((x) => b.some((y) => within(x, y))), ...b.filter((y) => a.some((x) => within(y, x)))];
  return [...new Set(out)].sort();
}

/** Repo-relative `.py` files pytest would collect tests from (its `python_files`), sorted. */
export function listTestModules(repoDir: string, pythonFiles: readonly string[]): string[] {
  const root = toPosix(path.resolve(repoDir));
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(repoDir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory() && !e.name.startsWith('.') && !SKIP_DIRS.has(e.name) && !e.name.endsWith('.egg')) walk(child);
      else if (e.isFile() && e.name.endsWith('.py') && pythonFiles.some((p) => fnmatchEx(p, `${root}/${child}`))) out.push(child);
    }
  };
  walk('');
  return out.sort();
}

/**
 * `lanes.<lane>.select.paths` as targets: each must stay inside the repo; globs expand to the test
 * modules they match; plain paths (or node ids) must exist. Throws an AtqosError naming the entry.
 */
export function resolveSelectPaths(lane: string, paths: readonly string[], repoDir: string, testModules: () => string[]): string[] {
  const out: string[] = [];
  paths.forEach((raw, i) => {
    const where = `lanes.${lane}.select.paths[${i}]`;
    const p = clean(toPosix(raw));
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    const bad = path.isAbsolute(raw) || /^[A-Za-z]:/.test(p) || p.split('::')[0]!.split('/').includes('..') || /[\u0000-\u001f]/.test(p);
    if (bad) throw new AtqosError('config_invalid', `${where} (${JSON.stringify(raw)}) must be a path inside the repository`, { hint: 'use a repo-relative path such as tests/unit or tests/**/test_api.py in .github/atqos.yml' });
    if (GLOB.test(p.split('::')[0]!)) {
      out.push(...testModules().filter((f) => matchGlob(p, f)));
      return;
    }
    const file = p.split('::')[0]!;
    if (file !== '' && !fs.existsSync(path.join(repoDir, file))) {
      throw new AtqosError('config_invalid', `${where}: ${JSON.stringify(raw)} does not exist in the repository`, { hint: 'fix or remove the path in .github/atqos.yml' });
    }
    out.push(p);
  });
  return [...new Set(out)].sort();
}

/** A target as a pytest argument: never read as an option. */
export function asPathArg(target: string): string {
  return target.startsWith('-') ? `./${target}` : target;
}
