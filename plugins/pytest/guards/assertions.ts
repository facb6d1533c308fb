import { statements, type Statement } from './python-lex.js';
import { moduleNames, references, scopes, within, type Names } from './python-names.js';
import type { Occurrence } from './occurrences.js';
import { tautologyIn } from './tautology.js';

const PYTEST_CHECKS = ['pytest.raises', 'pytest.warns', 'pytest.deprecated_call', 'pytest.approx', 'pytest.fail'];

function checksIn(s: Statement, names: Names): string[] {
  const found: string[] = [];
  if (/(?:^|: )assert\b/.test(s.code)) found.push('assert');
  for (const r of references(s, names)) {
    const last = r.name.split('.').pop()!;
    const pytestCheck = PYTEST_CHECKS.find((n) => within(r.name, n));
    if (pytestCheck) found.push(pytestCheck);
    // Any assert-named call: self.assertEqual, mock.assert_called_once_with, np.testing.assert_allclose.
    else if (r.called && r.name !== 'assert' && /^assert/i.test(last)) found.push(`${last}()`);
    else if (r.called && r.name === 'self.fail') found.push('self.fail()');
  }
  return found;
}

export interface AssertionScan {
  checks: Occurrence[];
  tautologies: Occurrence[];
}

/** The assertions of a Python test file (statements, assert-methods, pytest.raises/approx…) and its tautologies. */
export function scanAssertions(path: string, source: string): AssertionScan {
  const stmts = statements(source);
  const names = moduleNames(stmts);
  const scope = scopes(stmts);
  const at = (s: Statement, i: number, what: string): Occurrence => ({ path, line: s.line, scope: scope[i]!, what, text: s.text, key: `${what}|${scope[i]}|${s.code}` });
  return {
    checks: stmts.flatMap((s, i) => checksIn(s, names).map((what) => at(s, i, what))),
    tautologies: stmts.flatMap((s, i) => (tautologyIn(s) ? [at(s, i, 'assertion that cannot fail')] : [])),
  };
}
