import type { Statement } from './python-lex.js';

/**
 * What the names of one module stand for: `import pytest as pt` makes `pt` mean `pytest`,
 * `from pytest import mark` makes `mark` mean `pytest.mark`. Star imports make the module's
 * well-known names bare.
 */
export interface Names {
  aliases: Map<string, string>;
  stars: Set<string>;
}

const STAR_EXPORTS: Record<string, readonly string[]> = {
  pytest: ['mark', 'skip', 'xfail', 'importorskip', 'exit', 'fail', 'raises', 'warns', 'approx', 'deprecated_call', 'param'],
  unittest: ['skip', 'skipIf', 'skipUnless', 'expectedFailure', 'SkipTest', 'TestCase'],
  os: ['_exit', 'kill', 'killpg', 'abort'],
  sys: ['exit'],
  signal: ['signal', 'alarm', 'setitimer', 'raise_signal'],
  atexit: ['register'],
};

const IMPORT = /^import (.+)$/;
const FROM_IMPORT = /^from ([\w.]+) import \(?(.+?)\)?$/;

export function isImport(stmt: Statement): boolean {
  return /^(?:import|from)\s/.test(stmt.code);
}

/** The bindings made by a module's import statements (anywhere in the file, not only the top). */
export function moduleNames(stmts: readonly Statement[]): Names {
  const names: Names = { aliases: new Map(), stars: new Set() };
  for (const s of stmts) {
    const from = FROM_IMPORT.exec(s.code);
    if (from) {
      for (const part of from[2]!.split(',')) {
        const [name, alias] = part.trim().split(/\s+as\s+/);
        if (!name) continue;
        if (name === '*') names.stars.add(from[1]!);
        else names.aliases.set(alias ?? name, `${from[1]}.${name}`);
      }
      continue;
    }
    const imp = IMPORT.exec(s.code);
    if (!imp) continue;
    for (const part of imp[1]!.split(',')) {
      const [mod, alias] = part.trim().split(/\s+as\s+/);
      if (!mod) continue;
      if (alias) names.aliases.set(alias, mod);
      else names.aliases.set(mod.split('.')[0]!, mod.split('.')[0]!);
    }
  }
  return names;
}

/** The canonical dotted name `dotted` refers to (`pt.mark.skip` → `pytest.mark.skip`). */
export function resolve(dotted: string, names: Names): string {
  const [head, ...rest] = dotted.split('.');
  const bound = names.aliases.get(head!);
  if (bound) return [bound, ...rest].join('.');
  for (const mod of names.stars) if (STAR_EXPORTS[mod]?.includes(head!)) return [mod, head, ...rest].join('.');
  return dotted;
}

const DOTTED = /(?<![\w.])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/g;

export interface Reference {
  /** Canonical dotted name. */
  name: string;
  /** Offset of the reference in the statement's code. */
  index: number;
  /** Whether it is called right there (`name(`). */
  called: boolean;
}

/** Every dotted name a (non-import) statement mentions, resolved. */
export function references(stmt: Statement, names: Names): Reference[] {
  if (isImport(stmt)) return [];
  return [...stmt.code.matchAll(DOTTED)].map((m) => ({
    name: resolve(m[0], names),
    index: m.index,
    called: stmt.code[m.index + m[0].length] === '(',
  }));
}

/** Whether canonical `name` is `target` or something inside it (`pytest.skip.Exception` is in `pytest.skip`). */
export function within(name: string, target: string): boolean {
  return name === target || name.startsWith(`${target}.`);
}

/**
 * The def/class each statement belongs to (`TestCart.test_total`, `` for module level);
 * decorators belong to the def they decorate. Lets the guards tell a skip moved onto another test
 * from one left where it was.
 */
export function scopes(stmts: readonly Statement[]): string[] {
  const stack: { indent: number; name: string }[] = [];
  const out: string[] = new Array<string>(stmts.length).fill('');
  let pending: number[] = [];
  stmts.forEach((s, i) => {
    while (stack.length && stack[stack.length - 1]!.indent >= s.indent) stack.pop();
    const path = stack.map((f) => f.name);
    const def = /^(?:async )?(?:def|class) (\w+)/.exec(s.code);
    if (s.code.startsWith('@')) {
      pending.push(i);
      return;
    }
    if (def) {
      const full = [...path, def[1]!].join('.');
      for (const p of [...pending, i]) out[p] = full;
      stack.push({ indent: s.indent, name: def[1]! });
    } else {
      for (const p of pending) out[p] = path.join('.');
      out[i] = path.join('.');
    }
    pending = [];
  });
  return out;
}
