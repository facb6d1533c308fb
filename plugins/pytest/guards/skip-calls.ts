import { statements, stringAt, type Statement } from './python-lex.js';
import { moduleNames, references, resolve, scopes, within, type Names } from './python-names.js';
import type { Occurrence } from './occurrences.js';

const SKIP_NAMES = [
  'pytest.mark.skip', 'pytest.mark.skipif', 'pytest.mark.xfail', 'pytest.skip', 'pytest.xfail', 'pytest.importorskip',
  '_pytest.outcomes.skip', '_pytest.outcomes.xfail', '_pytest.outcomes.importorskip', '_pytest.outcomes.Skipped',
  '_pytest.outcomes.XFailed', '_pytest.skipping', '_pytest.mark.structures.MARK_GEN.skip',
  'unittest.skip', 'unittest.skipIf', 'unittest.skipUnless', 'unittest.expectedFailure', 'unittest.SkipTest',
  'unittest.case.skip', 'unittest.case.skipIf', 'unittest.case.skipUnless', 'unittest.case.expectedFailure', 'unittest.case.SkipTest',
];
const SKIP_MARK_NAMES = new Set(['skip', 'skipif', 'xfail']);
const MARK_HOLDERS = new Set(['pytest', 'pytest.mark', 'unittest', '_pytest.outcomes']);
/** Names that skip or hide tests without a marker: conftest's ignore lists, unittest's skip flag. */
const BARE_SKIPS = new Set(['collect_ignore', 'collect_ignore_glob', '__unittest_skip__']);
const WATCHED_HEADS = /^(?:pytest|_pytest|unittest)\b/;

/** Module-level `name = <skip thing>` makes `name` a skip too (`slow = pytest.mark.skipif(...)`, then `@slow`). */
function withAssignedAliases(stmts: readonly Statement[], names: Names): Names {
  for (const s of stmts) {
    const m = /^([A-Za-z_]\w*) = ([A-Za-z_][\w.]*)(?:\(|$)/.exec(s.code);
    if (m && s.indent === 0) {
      const target = resolve(m[2]!, names);
      if (WATCHED_HEADS.test(target)) names.aliases.set(m[1]!, target);
    }
  }
  return names;
}

function skipsIn(s: Statement, names: Names): string[] {
  const found: string[] = [];
  for (const r of references(s, names)) {
    const hit = SKIP_NAMES.find((n) => within(r.name, n));
    if (hit) found.push(hit);
    else {
      const bare = r.name.split('.').find((seg) => BARE_SKIPS.has(seg));
      if (bare) found.push(bare);
    }
  }
  if (/\.skipTest\(/.test(s.code)) found.push('TestCase.skipTest');
  // Markers by name: `item.add_marker("skip")`, `getattr(pytest.mark, "xfail")`.
  for (const m of s.code.matchAll(/\.(?:add_marker|applymarker)\(""/g)) {
    const name = stringAt(s, m.index + m[0].length - 2);
    if (name && SKIP_MARK_NAMES.has(name)) found.push(`marker "${name}" by name`);
  }
  for (const m of s.code.matchAll(/\bgetattr\(([\w.]+), ?""/g)) {
    const name = stringAt(s, m.index + m[0].length - 2);
    if (name && MARK_HOLDERS.has(resolve(m[1]!, names)) && /^(?:skip\w*|xfail|importorskip|expectedFailure)$/.test(name)) found.push(`getattr(${m[1]}, "${name}")`);
  }
  return found;
}

/** Every skip, skipif, xfail and importorskip a Python file uses, however it is spelled. */
export function pythonSkips(path: string, source: string): Occurrence[] {
  const stmts = statements(source);
  const names = withAssignedAliases(stmts, moduleNames(stmts));
  const scope = scopes(stmts);
  return stmts.flatMap((s, i) =>
    skipsIn(s, names).map((what) => ({
      path, line: s.line, scope: scope[i]!, what: `skip/xfail (${what})`, text: s.text,
      key: `${what}|${scope[i]}|${s.code}`,
    })),
  );
}
