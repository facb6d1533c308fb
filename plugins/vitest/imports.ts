import fs from 'node:fs';
import path from 'node:path';
import { repoRelative } from '../../src/core/index.js';

const SPECIFIERS = [
  /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bvi\.(?:mock|doMock)\(\s*['"]([^'"]+)['"]/g,
];
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
// TypeScript under NodeNext imports `./x.js` for the source file `./x.ts`.
const TS_FOR_JS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/** Relative module specifiers (`./x`, `../y.js`) a source text imports. */
export function relativeSpecifiers(source: string): string[] {
  const found = new Set<string>();
  for (const re of SPECIFIERS) for (const m of source.matchAll(re)) if (/^\.\.?\//.test(m[1]!)) found.add(m[1]!);
  return [...found];
}

const isFile = (p: string) => fs.statSync(p, { throwIfNoEntry: false })?.isFile() === true;

function resolveSpecifier(fromFile: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), spec);
  const ext = path.extname(base);
  const swapped = (TS_FOR_JS[ext] ?? []).map((e) => base.slice(0, -ext.length) + e);
  const candidates = [...swapped, base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, `index${e}`))];
  return candidates.find(isFile);
}

/**
 * The repo files a test file imports directly by relative path, repo-relative: the code under
 * test when an assertion's stack shows only the test itself. Unreadable files give none.
 */
export function importedRepoFiles(repoDir: string, testFile: string): string[] {
  const abs = path.resolve(repoDir, testFile);
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch {
    return [];
  }
  const files = relativeSpecifiers(text).flatMap((spec) => {
    const hit = resolveSpecifier(abs, spec);
    const rel = hit ? repoRelative(hit, repoDir) : undefined;
    return rel && !rel.startsWith('node_modules/') ? [rel] : [];
  });
  return [...new Set(files)].sort();
}
