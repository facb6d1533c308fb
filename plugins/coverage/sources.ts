import fs from 'node:fs';
import path from 'node:path';

const NOT_SOURCE = new Set(['tests', 'test', 'testing', 'docs', 'doc', 'examples', 'example', 'scripts', 'benchmarks', 'bench', 'build', 'dist', 'venv', 'node_modules']);
const TEST_MODULE = /^(?:test_.*|.*_test|conftest|setup|noxfile|tasks)\.py$/;

const isPackage = (dir: string): boolean => fs.existsSync(path.join(dir, '__init__.py'));

function dirs(dir: string): string[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith('_')).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

function modules(dir: string): string[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.py') && !TEST_MODULE.test(e.name)).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

/**
 * What to measure when `plugins.coverage.source` is empty, as coverage `--source` values:
 * the packages under `src/` (src layout), else the repo's top-level packages and modules that are
 * not tests, docs or tooling. Directories are given as paths so files no test imports still show
 * (at 0%). Empty when nothing looks like source: coverage then measures all executed code.
 */
export function guessSources(repoDir: string): string[] {
  const src = path.join(repoDir, 'src');
  const srcPackages = dirs(src).filter((d) => isPackage(path.join(src, d))).map((d) => `src/${d}`);
  if (srcPackages.length) return srcPackages;
  if (modules(src).length) return ['src'];
  const packages = dirs(repoDir).filter((d) => !NOT_SOURCE.has(d.toLowerCase()) && isPackage(path.join(repoDir, d)));
  // Top-level modules are named as importable modules: a path to a single file is not a source.
  const loose = modules(repoDir).map((m) => m.slice(0, -3));
  return [...packages, ...loose];
}
