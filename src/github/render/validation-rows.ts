import type { PullRequestMeta } from './markers.js';
import { cell, code } from './markdown.js';

const TESTS_SHOWN = 10;
const pct = (n: number) => `${n.toFixed(2)}%`;
const signed = (n: number) => `${n > 0 ? '+' : ''}${n}`;

/** The PR table's validation rows: how many runs passed, and for an add_test what it measured. */
export function validationRows(v: PullRequestMeta['validation']): [string, string][] {
  const runs = v.runs;
  const summary = runs && runs.total > 0
    ? `${v.passed ? 'passed' : 'failed'}: ${runs.passed} of ${runs.total} run(s) passed${v.passed ? ' in a row' : ''}`
    : `${v.passed ? 'passed' : 'failed'} ${v.repeat}× in a row (${v.counts.passed} passed, ${v.counts.failed} failed, ${v.counts.errors} errors)`;
  const rows: [string, string][] = [['Validation', summary]];
  const c = v.coverage;
  if (!c) return rows;
  rows.push(
    ['Coverage gain', `${code(c.module, 200)}: ${pct(c.before.percent)} → ${pct(c.after.percent)} (${signed(c.gain.percent)} pts); ${c.before.covered} → ${c.after.covered} of ${c.after.statements} lines (${signed(c.gain.covered)})`],
    ['New tests', c.newTests.length ? c.newTests.slice(0, TESTS_SHOWN).map((t) => code(t, 200)).join(', ') + (c.newTests.length > TESTS_SHOWN ? ` and ${c.newTests.length - TESTS_SHOWN} more` : '') : 'none recorded'],
  );
  if (c.excluded.length) rows.push(['Known flaky, left out', `${c.excluded.map((t) => code(t, 200)).join(', ')} ${cell('(not counted as regressions: already found flaky in this run)', 100)}`]);
  return rows;
}
