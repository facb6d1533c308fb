import path from 'node:path';
import { matchGlob } from '../../../src/guards/index.js';
import { toPosix } from '../../../src/core/index.js';
import { fnmatchEx } from '../config/fnmatch.js';
import { PYTEST_CONFIG_CANDIDATES } from '../config/locate.js';

/**
 * How a changed file bears on which tests must run:
 * - `conftest`, `test-config`: change how every test runs → full suite;
 * - `test-module`: a module pytest collects tests from → run it;
 * - `source`: other Python code → the tests that executed its changed lines;
 * - `docs`: documentation no test reads → no test;
 * - `other`: any other file (data, manifests, extensions, CI) → full suite, since we cannot tell.
 */
export type ChangeKind = 'conftest' | 'test-config' | 'test-module' | 'source' | 'docs' | 'other';

/**
 * Files that only document: Markdown, reStructuredText and AsciiDoc anywhere, anything that is
 * not Python under a top-level `docs/` or `doc/`, and the usual legal and history files. Plain
 * `.txt` is not here (requirements files, test data). When the repo runs doctests on text files
 * (`doctest` in its pytest config or args) nothing is docs-only.
 */
export const DOCS_ONLY_GLOBS: readonly string[] = [
  '**/*.md', '**/*.rst', '**/*.adoc',
  'docs/**', 'doc/**',
  '**/{LICENSE,LICENCE,COPYING,AUTHORS,CHANGELOG,CHANGES,NOTICE,HISTORY}',
  '**/{LICENSE,LICENCE,COPYING,AUTHORS,CHANGELOG,CHANGES,NOTICE,HISTORY}.{md,rst,txt}',
];

/** pytest's config files (any depth: a nested one can become the rootdir's config). */
const TEST_CONFIG = new Set<string>(PYTEST_CONFIG_CANDIDATES);

export interface ChangeKindContext {
  repoDir: string;
  /** The repo's `python_files` patterns. */
  pythonFiles: readonly string[];
  /** Whether pytest runs doctests here: then docstrings and text files can be tests. */
  doctest: boolean;
}

/** What kind of change a repo-relative posix path is (see `ChangeKind`). */
export function changeKind(rel: string, ctx: ChangeKindContext): ChangeKind {
  const base = path.posix.basename(rel);
  if (base === 'conftest.py') return 'conftest';
  if (TEST_CONFIG.has(base)) return 'test-config';
  if (rel.endsWith('.py')) {
    const abs = path.posix.join(toPosix(path.resolve(ctx.repoDir)), rel);
    return ctx.pythonFiles.some((p) => fnmatchEx(p, abs)) ? 'test-module' : 'source';
  }
  if (!ctx.doctest && DOCS_ONLY_GLOBS.some((g) => matchGlob(g, rel))) return 'docs';
  return 'other';
}
