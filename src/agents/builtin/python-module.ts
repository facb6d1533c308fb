// Where a test lives in a Python file, read with the pytest guards' lexer so that comments,
// strings and decorators split over lines are understood the same way the guards see them.
import { statements, type Statement } from '../../../plugins/pytest/guards/python-lex.js';
import { moduleNames, resolve, scopes, type Names } from '../../../plugins/pytest/guards/python-names.js';

export type { Statement };

export interface PythonModule {
  stmts: Statement[];
  names: Names;
  /** The def/class each statement belongs to, dotted (`TestCart.test_total`). */
  scope: string[];
}

/** A test function as found in its module, by statement index. */
export interface TestDef {
  def: number;
  decorators: number[];
  /** The first statement of the body after an optional docstring, when the body is on its own lines. */
  firstBody?: number;
  /** The enclosing class statement, for a method. */
  cls?: number;
}

/** 1-based inclusive physical lines of a statement. */
export function spanOf(stmt: Statement): { start: number; end: number } {
  return { start: stmt.line, end: stmt.line + stmt.text.split('\n').length - 1 };
}

export function parseModule(source: string): PythonModule {
  const stmts = statements(source);
  return { stmts, names: withAssignedAliases(stmts, moduleNames(stmts)), scope: scopes(stmts) };
}

/** Module-level `slow = pytest.mark.skipif(...)` makes `@slow` a skipif too. */
function withAssignedAliases(stmts: readonly Statement[], names: Names): Names {
  for (const s of stmts) {
    const m = /^([A-Za-z_]\w*) = ([A-Za-z_][\w.]*)(?:\(|$)/.exec(s.code);
    if (m && s.indent === 0 && m[1] !== 'pytestmark') names.aliases.set(m[1]!, resolve(m[2]!, names));
  }
  return names;
}

function findDef(mod: PythonModule, qualname: readonly string[], keyword: 'def' | 'class'): number | undefined {
  const full = qualname.join('.');
  const name = qualname[qualname.length - 1]!;
  const head = keyword === 'def' ? /^(?:async )?def (\w+)\b/ : /^class (\w+)\b/;
  let found: number | undefined;
  // pytest collects the last definition of a name, so the last one wins here too.
  mod.stmts.forEach((s, i) => {
    if (mod.scope[i] === full && head.exec(s.code)?.[1] === name) found = i;
  });
  return found;
}

function decoratorsOf(mod: PythonModule, index: number): number[] {
  const out: number[] = [];
  for (let j = index - 1; j >= 0 && mod.stmts[j]!.code.startsWith('@') && mod.scope[j] === mod.scope[index]; j--) out.unshift(j);
  return out;
}

function firstBodyOf(mod: PythonModule, index: number): number | undefined {
  const def = mod.stmts[index]!;
  let j = index + 1;
  if (mod.stmts[j]?.code === '""' && mod.stmts[j]!.indent > def.indent) j++;
  const s = mod.stmts[j];
  return s && s.indent > def.indent && s.line > spanOf(def).end ? j : undefined;
}

/** The test function `qualname` names (`['TestCart', 'test_total']`), or undefined. */
export function findTestDef(mod: PythonModule, qualname: readonly string[]): TestDef | undefined {
  const def = findDef(mod, qualname, 'def');
  if (def === undefined) return undefined;
  const cls = qualname.length > 1 ? findDef(mod, qualname.slice(0, -1), 'class') : undefined;
  const firstBody = firstBodyOf(mod, def);
  return { def, decorators: decoratorsOf(mod, def), ...(firstBody !== undefined ? { firstBody } : {}), ...(cls !== undefined ? { cls } : {}) };
}

/** Decorators of the class statement at `index`. */
export function classDecorators(mod: PythonModule, index: number): number[] {
  return decoratorsOf(mod, index);
}

/** `pytestmark = …` statements directly in the class at `index`, or at module level when undefined. */
export function pytestmarks(mod: PythonModule, classIndex?: number): number[] {
  const owner = classIndex === undefined ? '' : mod.scope[classIndex]!;
  const minIndent = classIndex === undefined ? 0 : mod.stmts[classIndex]!.indent + 1;
  const out: number[] = [];
  mod.stmts.forEach((s, i) => {
    if (mod.scope[i] === owner && s.indent >= minIndent && (classIndex !== undefined || s.indent === 0) && /^pytestmark ?=/.test(s.code)) out.push(i);
  });
  return out;
}

/** The canonical dotted name a decorator applies (`@mark.skip(...)` → `pytest.mark.skip`). */
export function decoratorName(stmt: Statement, names: Names): string | undefined {
  const m = /^@([A-Za-z_][\w.]*)/.exec(stmt.code);
  return m ? resolve(m[1]!, names) : undefined;
}

/** The canonical dotted name a statement that is one call starts with (`skip("x")` → `pytest.skip`). */
export function calledName(stmt: Statement, names: Names): string | undefined {
  const m = /^([A-Za-z_][\w.]*)\(/.exec(stmt.code);
  return m ? resolve(m[1]!, names) : undefined;
}

/** Whether another statement shares a physical line with this one (`a(); b()`): removing lines would take it too. */
export function sharesLines(mod: PythonModule, index: number): boolean {
  const { start, end } = spanOf(mod.stmts[index]!);
  return mod.stmts.some((s, i) => {
    if (i === index) return false;
    const o = spanOf(s);
    return o.start <= end && o.end >= start;
  });
}
