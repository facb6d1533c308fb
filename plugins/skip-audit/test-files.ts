import fs from 'node:fs';
import path from 'node:path';
import { pytestTestFileMatcher, pythonFilesPatterns } from '../pytest/test-files.js';

const SKIP_DIRS = new Set(['node_modules', '__pycache__', 'site-packages', 'venv', 'env', 'build', 'dist']);

function walk(root: string, rel: string, out: string[]): void {
  const entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory() && !e.name.startsWith('.') && !SKIP_DIRS.has(e.name)) walk(root, child, out);
    else if (e.isFile() && e.name.endsWith('.py')) out.push(child);
  }
}

/**
 * The repo's pytest test modules (its `python_files`, default `test_*.py`/`*_test.py`), repo-relative
 * posix paths, sorted. conftest files hold fixtures and hooks, not tests: they are left out.
 */
export function listTestModules(repoDir: string): string[] {
  const matches = pytestTestFileMatcher(pythonFilesPatterns(repoDir, {}), repoDir);
  const all: string[] = [];
  walk(repoDir, '', all);
  return all.filter((f) => matches(f) && !/(?:^|\/)conftest\.py$/.test(f));
}
