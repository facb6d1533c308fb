import type { TestCounts, TestResult } from '../../src/core/index.js';
import type { JunitCase } from '../junit/parse.js';
import type { InventoryReport, PytestInventory } from './inventory.js';
import { caseKey, junitKey, nodeFile } from './node-ids.js';

/** One failed phase of one test (or one module that failed to collect). */
export interface Problem {
  nodeId: string;
  when: 'collect' | 'setup' | 'call' | 'teardown';
  /** From the JUnit entry; replaced by the inventory's crash message when there is one. */
  message: string;
  text: string;
  report?: InventoryReport;
}

export interface JoinedResults {
  tests: TestResult[];
  counts: TestCounts;
  problems: Problem[];
  notes: string[];
}

type Outcome = TestResult['outcome'];
type Extra = NonNullable<JunitCase['extra']>[number];

function phaseOf(outcome: 'failed' | 'error' | 'skipped', message: string | undefined): Problem['when'] {
  if (outcome === 'failed') return 'call';
  if (/^failed on setup\b/.test(message ?? '')) return 'setup';
  if (/^failed on teardown\b/.test(message ?? '')) return 'teardown';
  return 'call';
}

/** `failed on setup with "X"` → `X`: pytest wraps setup/teardown messages in its JUnit output. */
function unwrap(message: string | undefined): string {
  const m = /^failed on (?:setup|teardown) with "([\s\S]*)"$/.exec(message ?? '');
  return m ? m[1]! : (message ?? '');
}

function indexInventory(inv: PytestInventory | undefined) {
  const byKey = new Map<string, string>();
  const reports = new Map<string, InventoryReport>();
  for (const item of inv?.items ?? []) byKey.set(junitKey(item.nodeId), item.nodeId);
  for (const r of inv?.reports ?? []) {
    if (!byKey.has(junitKey(r.nodeId))) byKey.set(junitKey(r.nodeId), r.nodeId);
    reports.set(`${r.nodeId}\u0000${r.when}`, r);
  }
  const collectErrors = new Map((inv?.collectErrors ?? []).map((e) => [junitKey(e.nodeId), e]));
  return { byKey, reports, collectErrors };
}

/** A node id for a case the inventory does not know: the best reconstruction from JUnit alone. */
function guessNodeId(c: JunitCase): string {
  return c.classname ? `${c.classname.replace(/\./g, '/')}.py::${c.name}` : c.name.replace(/\./g, '/') + '.py';
}

/**
 * Joins JUnit (what ran: the source of truth) with the inventory (node ids, phases, crash data),
 * counting the way pytest's terminal summary does: a teardown error is an extra error.
 */
export function joinResults(cases: JunitCase[], inv: PytestInventory | undefined): JoinedResults {
  const idx = indexInventory(inv);
  const tests: TestResult[] = [];
  const problems: Problem[] = [];
  const notes: string[] = [];
  let errors = 0;
  let passedBeforeError = 0;
  for (const c of cases) {
    const key = caseKey(c.classname, c.name);
    const collectError = idx.collectErrors.get(key);
    if (c.classname === '' && (collectError || c.message === 'collection failure')) {
      errors += 1;
      problems.push({ nodeId: collectError?.nodeId ?? guessNodeId(c), when: 'collect', message: '', text: collectError?.longrepr || c.details || '' });
      continue;
    }
    const nodeId = idx.byKey.get(key) ?? guessNodeId(c);
    if (!idx.byKey.has(key) && inv) notes.push(`JUnit case ${c.classname}::${c.name} is not in the inventory`);
    const call = idx.reports.get(`${nodeId}\u0000call`);
    let outcome: Outcome = c.outcome;
    if (outcome === 'passed' && call?.wasxfail !== undefined) outcome = 'xpassed';
    const results: Extra[] = [];
    if (c.outcome === 'failed' || c.outcome === 'error') results.push({ outcome: c.outcome, message: c.message, details: c.details });
    results.push(...(c.extra ?? []).filter((e) => e.outcome !== 'skipped'));
    for (const r of results) {
      const when = phaseOf(r.outcome as 'failed' | 'error', r.message);
      if (r.outcome === 'error') errors += 1;
      const report = idx.reports.get(`${nodeId}\u0000${when}`);
      problems.push({ nodeId, when, message: report?.crash?.message ?? unwrap(r.message), text: report?.longrepr ?? r.details ?? '', report });
    }
    // pytest counts a test whose body passed and whose teardown failed as "1 passed, 1 error".
    if (c.outcome === 'error' && phaseOf('error', c.message) === 'teardown') passedBeforeError += 1;
    const message = c.outcome === 'passed' ? undefined : unwrap(c.message) || call?.skipReason;
    tests.push({ tool: 'pytest', nodeId, file: nodeFile(nodeId), outcome, durationMs: c.durationMs, ...(message ? { message } : {}) });
  }
  return { tests, counts: countResults(tests, errors, passedBeforeError), problems, notes };
}

function countResults(tests: TestResult[], errors: number, passedBeforeError: number): TestCounts {
  const n = (o: Outcome) => tests.filter((t) => t.outcome === o).length;
  return {
    total: tests.length,
    passed: n('passed') + passedBeforeError,
    failed: n('failed'),
    errors,
    skipped: n('skipped'),
    xfailed: n('xfailed'),
    xpassed: n('xpassed'),
    durationMs: tests.reduce((s, t) => s + t.durationMs, 0),
  };
}
