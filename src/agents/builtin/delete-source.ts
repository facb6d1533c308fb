import { findTestDef, parseModule, spanOf } from './python-module.js';
import type { PythonModule, TestDef } from './python-module.js';
import { joinLines, removeRanges, splitLines } from './source-lines.js';
import type { SourceLine } from './source-lines.js';

export type Deletion = { status: 'deleted'; source: string; lines: { start: number; end: number } } | { status: 'refused'; why: string };

const isBlank = (l: SourceLine | undefined) => l !== undefined && l.text.trim() === '';
const indentWidth = (l: SourceLine) => /^[ \t]*/.exec(l.text)![0].length;

/** The last statement of the body of the def at `def`: everything after it indented deeper. */
function lastBodyStatement(mod: PythonModule, def: number): number {
  const indent = mod.stmts[def]!.indent;
  let j = def;
  while (j + 1 < mod.stmts.length && mod.stmts[j + 1]!.indent > indent) j++;
  return j;
}

/** Comment lines right after the body, indented like the body, belong to the function too. */
function trailingComments(lines: readonly SourceLine[], end: number, defIndent: number): number {
  let last = end;
  for (let n = end + 1; n <= lines.length; n++) {
    const l = lines[n - 1]!;
    if (isBlank(l)) continue;
    if (l.text.trimStart().startsWith('#') && indentWidth(l) > defIndent) last = n;
    else break;
  }
  return last;
}

/**
 * The blank lines around the removed block that go with it, so the file keeps its spacing:
 * the blank lines after it when it is followed by code, else (at the end of the file) those before it.
 */
function withSpacing(lines: readonly SourceLine[], start: number, end: number): { start: number; end: number } {
  let after = end;
  while (after < lines.length && isBlank(lines[after])) after++;
  if (after < lines.length) return { start, end: after };
  let before = start;
  while (before > 1 && isBlank(lines[before - 2])) before--;
  return { start: before, end: after };
}

/** Whether the class at `cls` keeps at least one statement of its own once `first..last` are gone. */
function classKeepsABody(mod: PythonModule, cls: number, first: number, last: number): boolean {
  const indent = mod.stmts[cls]!.indent;
  for (let j = cls + 1; j < mod.stmts.length && mod.stmts[j]!.indent > indent; j++) if (j < first || j > last) return true;
  return false;
}

function linesOf(mod: PythonModule, lines: readonly SourceLine[], test: TestDef): { start: number; end: number } {
  const end = spanOf(mod.stmts[lastBodyStatement(mod, test.def)]!).end;
  return { start: mod.stmts[test.decorators[0] ?? test.def]!.line, end: trailingComments(lines, end, mod.stmts[test.def]!.indent) };
}

/**
 * The 1-based inclusive lines of the test function `qualname` — its decorators, its def, its
 * body and the comments closing it — as the builtin delete removes them (without the blank lines
 * around); undefined when the function is not in the file. The deletion guard checks against it.
 */
export function testFunctionLines(source: string, qualname: readonly string[]): { start: number; end: number } | undefined {
  const mod = parseModule(source);
  const test = findTestDef(mod, qualname);
  return test && linesOf(mod, splitLines(source), test);
}

/**
 * Removes the test function `qualname` — its decorators, its def and its whole body — and nothing
 * else: every other line stays byte for byte. Undefined when the function is not in the file.
 * Refuses a method that is the only statement of its class (the class would not parse).
 */
export function deleteTestSource(source: string, qualname: readonly string[]): Deletion | undefined {
  const mod = parseModule(source);
  const test = findTestDef(mod, qualname);
  if (!test) return undefined;
  const first = test.decorators[0] ?? test.def;
  const last = lastBodyStatement(mod, test.def);
  if (test.cls !== undefined && !classKeepsABody(mod, test.cls, first, last)) {
    return { status: 'refused', why: `${qualname.join('.')} is the only statement of class ${qualname.slice(0, -1).join('.')}: deleting it would leave an empty class; delete the class by hand` };
  }
  const lines = splitLines(source);
  const { start, end } = linesOf(mod, lines, test);
  const range = withSpacing(lines, start, end);
  let kept = removeRanges(lines, [range]);
  // Removing the end of a file whose last line had no terminator: the new last line loses its own.
  if (range.end === lines.length && kept.length && lines.at(-1)!.eol === '') kept = [...kept.slice(0, -1), { ...kept.at(-1)!, eol: '' }];
  return { status: 'deleted', source: joinLines(kept), lines: { start, end } };
}
