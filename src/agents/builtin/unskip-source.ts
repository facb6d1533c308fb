import { calledName, classDecorators, decoratorName, findTestDef, parseModule, pytestmarks, sharesLines, spanOf } from './python-module.js';
import type { PythonModule, TestDef } from './python-module.js';
import { joinLines, removeRanges, splitLines } from './source-lines.js';

/** Decorators that skip or expect failure, by canonical name. */
export const SKIP_DECORATORS = new Set([
  'pytest.mark.skip', 'pytest.mark.skipif', 'pytest.mark.xfail',
  'unittest.skip', 'unittest.skipIf', 'unittest.skipUnless', 'unittest.expectedFailure',
  'unittest.case.skip', 'unittest.case.skipIf', 'unittest.case.skipUnless', 'unittest.case.expectedFailure',
]);
const SKIP_CALLS = new Set(['pytest.skip', '_pytest.outcomes.skip']);

export interface Unskip {
  /** The new text; the same text when nothing was removed. */
  source: string;
  /** What was removed, as written (`@pytest.mark.skip(reason="slow")`). */
  removed: string[];
  /** Skips that still apply to the test and why they were left alone. */
  leftAlone: string[];
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Removes the skip/skipif/xfail decorators directly on the test function `qualname` and a
 * `pytest.skip(...)` call opening its body. Undefined when the function is not in the file.
 * Skips on the class, the module or a parametrize case are reported, never edited: they cover
 * other tests too.
 */
export function unskipSource(source: string, qualname: readonly string[]): Unskip | undefined {
  const mod = parseModule(source);
  const test = findTestDef(mod, qualname);
  if (!test) return undefined;
  const leftAlone = widerSkips(mod, test);
  const remove: number[] = [];
  for (const i of [...test.decorators, ...openingSkip(mod, test, leftAlone)]) {
    const name = decoratorName(mod.stmts[i]!, mod.names) ?? calledName(mod.stmts[i]!, mod.names);
    if (!name || !(SKIP_DECORATORS.has(name) || SKIP_CALLS.has(name))) continue;
    if (sharesLines(mod, i)) leftAlone.push(`\`${oneLine(mod.stmts[i]!.text)}\` shares its line with other code`);
    else remove.push(i);
  }
  const lines = removeRanges(splitLines(source), remove.map((i) => spanOf(mod.stmts[i]!)));
  return { source: remove.length ? joinLines(lines) : source, removed: remove.map((i) => oneLine(mod.stmts[i]!.text)), leftAlone };
}

/** The `pytest.skip(...)` opening the body, unless removing it would leave the body empty. */
function openingSkip(mod: PythonModule, test: TestDef, leftAlone: string[]): number[] {
  if (test.firstBody === undefined) return [];
  const stmt = mod.stmts[test.firstBody]!;
  if (!SKIP_CALLS.has(calledName(stmt, mod.names) ?? '')) return [];
  const defIndent = mod.stmts[test.def]!.indent;
  let rest = 0;
  for (let j = test.def + 1; j < mod.stmts.length && mod.stmts[j]!.indent > defIndent; j++) if (j !== test.firstBody) rest++;
  if (rest > 0) return [test.firstBody];
  leftAlone.push(`\`${oneLine(stmt.text)}\` is the whole body of the test: there is nothing to run without it`);
  return [];
}

function widerSkips(mod: PythonModule, test: TestDef): string[] {
  const out: string[] = [];
  const marks = (i: number) => oneLine(mod.stmts[i]!.text);
  if (test.cls !== undefined) {
    for (const i of classDecorators(mod, test.cls)) {
      if (SKIP_DECORATORS.has(decoratorName(mod.stmts[i]!, mod.names) ?? '')) out.push(`the class carries \`${marks(i)}\`, which skips every test in it; remove it by hand if all of them pass`);
    }
    for (const i of pytestmarks(mod, test.cls)) if (/skip|xfail/.test(mod.stmts[i]!.code)) out.push(`the class sets \`${marks(i)}\`, which applies to every test in it`);
  }
  for (const i of pytestmarks(mod)) if (/skip|xfail/.test(mod.stmts[i]!.code)) out.push(`the module sets \`${marks(i)}\`, which applies to every test in the file`);
  for (const i of test.decorators) {
    const name = decoratorName(mod.stmts[i]!, mod.names);
    if (name === 'pytest.mark.parametrize' && /\bmarks ?=/.test(mod.stmts[i]!.code)) out.push(`a \`pytest.param(..., marks=...)\` case in \`${marks(i).slice(0, 120)}\` may skip it; edit that case by hand`);
  }
  return out;
}
