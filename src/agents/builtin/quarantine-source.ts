import { findTestDef, parseModule, spanOf } from './python-module.js';
import type { PythonModule } from './python-module.js';
import { isAtqosQuarantine } from './quarantine-tag.js';
import { indentOf, insertLine, joinLines, splitLines } from './source-lines.js';

export type Quarantine = { status: 'added'; source: string; importAdded: boolean } | { status: 'already'; marker: string };

/** Where `import pytest` goes: before the first top-level statement that is not the docstring or a `__future__` import. */
function importLine(mod: PythonModule): number {
  const first = mod.stmts.find((s, i) => s.indent === 0 && !(i === 0 && s.code === '""') && !s.code.startsWith('from __future__ '));
  return first?.line ?? (mod.stmts.at(-1) ? spanOf(mod.stmts.at(-1)!).end + 1 : 1);
}

/**
 * Puts `marker` on its own line above the test function `qualname` (and its decorators), at the
 * function's indentation. A test that already carries an ATQOS quarantine (a decorator with
 * `QUARANTINE_TAG`, from this template or an earlier one) is left alone.
 * Adds `import pytest` when the marker uses `pytest.` and the module has no such name.
 * Undefined when the function is not in the file.
 */
export function quarantineSource(source: string, qualname: readonly string[], marker: string): Quarantine | undefined {
  const mod = parseModule(source);
  const test = findTestDef(mod, qualname);
  if (!test) return undefined;
  const existing = test.decorators.map((i) => mod.stmts[i]!.text).find(isAtqosQuarantine);
  if (existing) return { status: 'already', marker: existing.replace(/\s+/g, ' ').trim() };
  const top = mod.stmts[test.decorators[0] ?? test.def]!.line;
  let lines = splitLines(source);
  lines = insertLine(lines, top, indentOf(lines[mod.stmts[test.def]!.line - 1]) + marker);
  const needsImport = /^@pytest\./.test(marker) && mod.names.aliases.get('pytest') !== 'pytest';
  if (needsImport) lines = insertLine(lines, Math.min(importLine(mod), top), 'import pytest');
  return { status: 'added', source: joinLines(lines), importAdded: needsImport };
}
