import type { JunitCase, JunitReport } from './parse.js';
import { attr, children, rawAttr, textOf } from './xml-tree.js';
import type { XmlNode } from './xml-tree.js';
import { capText, positiveInt, secondsToMs } from './xml-text.js';
import { mergeTeardownDuplicates } from './merge.js';
import { declaredCounts, reconcileNotes, unexplainedProblems } from './declared.js';

const OUTPUT_CAP = 64 * 1024;
const RERUN_KINDS = ['flakyFailure', 'flakyError', 'rerunFailure', 'rerunError'] as const;
type Result = NonNullable<JunitCase['extra']>[number];

interface Seen {
  /** Testcase elements read, before merging. */
  elements: number;
  /**
   * One string per distinct `file`: a report names a few hundred files across 100,000 cases, and
   * later per-case lookups by file then hit a few hot strings instead of 100,000 cold copies.
   */
  files: Map<string, string>;
}

/** Turns the parsed tree of a `<testsuites>` or `<testsuite>` document into cases, counts and notes. */
export function readReport(tree: XmlNode): JunitReport {
  const roots = tree['testsuites'] !== undefined ? children(tree, 'testsuites') : [];
  const topSuites = roots.length ? roots.flatMap((r) => children(r, 'testsuite')) : children(tree, 'testsuite');
  const cases: JunitCase[] = [];
  const seen: Seen = { elements: 0, files: new Map() };
  for (const root of roots) readCases(root, '', undefined, cases, seen);
  for (const suite of topSuites) readSuite(suite, [], undefined, cases, seen);
  const declared = declaredCounts(topSuites, roots[0]);
  const notes = reconcileNotes(declared, cases, seen.elements);
  if (seen.elements > cases.length) {
    notes.push(`merged ${seen.elements - cases.length} duplicate testcase entries (pytest writes a second one for a teardown error)`);
  }
  const unexplained = unexplainedProblems(declared, cases);
  return declared ? { cases, declared, notes, ...(unexplained ? { unexplained } : {}) } : { cases, notes };
}

function readSuite(suite: unknown, path: string[], file: string | undefined, out: JunitCase[], seen: Seen): void {
  const name = attr(suite, '@_name');
  const here = name ? [...path, name] : path;
  const suiteFile = attr(suite, '@_file') ?? file;
  readCases(suite, here.join(' > '), suiteFile, out, seen);
  readSuiteLevelResults(suite, here.join(' > '), suiteFile, out);
  for (const nested of children(suite, 'testsuite')) readSuite(nested, here, suiteFile, out, seen);
}

/**
 * `<error>`/`<failure>` directly under `<testsuite>` (a setUpClass or module import that failed):
 * a problem of the suite itself, kept as a case so it counts and gets a finding.
 */
function readSuiteLevelResults(suite: unknown, name: string, file: string | undefined, out: JunitCase[]): void {
  for (const [tag, outcome] of [['error', 'error'], ['failure', 'failed']] as const) {
    for (const el of children(suite, tag)) {
      const message = attr(el, '@_message');
      const type = attr(el, '@_type');
      const details = textOf(el);
      out.push({
        suite: name, classname: '', name: '(suite)', durationMs: 0, outcome,
        ...(message !== undefined ? { message } : {}), ...(type !== undefined ? { type } : {}), ...(details ? { details } : {}),
        ...(file !== undefined ? { file } : {}),
      });
    }
  }
}

function readCases(parent: unknown, suite: string, file: string | undefined, out: JunitCase[], seen: Seen): void {
  const start = out.length;
  const elements = children(parent, 'testcase');
  seen.elements += elements.length;
  for (const tc of elements) out.push(readCase(tc, suite, file, seen.files));
  mergeTeardownDuplicates(out, start);
}

function readCase(tc: unknown, suite: string, suiteFile: string | undefined, files: Map<string, string>): JunitCase {
  if (typeof tc !== 'object' || tc === null) {
    const c: JunitCase = { suite, classname: '', name: '', durationMs: 0, outcome: 'passed' };
    return suiteFile === undefined ? c : { ...c, file: suiteFile };
  }
  const node = tc as XmlNode;
  const classname = attr(node, '@_classname') ?? '';
  const name = attr(node, '@_name') ?? '';
  const durationMs = secondsToMs(rawAttr(node, '@_time'));
  const file = intern(attr(node, '@_file'), files) ?? suiteFile;
  const line = positiveInt(rawAttr(node, '@_line'));
  // Whole literals rather than keys added later: one allocation per case, not two.
  const c: JunitCase =
    file === undefined
      ? line === undefined
        ? { suite, classname, name, durationMs, outcome: 'passed' }
        : { suite, classname, name, durationMs, outcome: 'passed', line }
      : line === undefined
        ? { suite, classname, name, durationMs, outcome: 'passed', file }
        : { suite, classname, name, durationMs, outcome: 'passed', file, line };
  readResults(node, c);
  readExtras(node, c);
  return c;
}

function intern(value: string | undefined, known: Map<string, string>): string | undefined {
  if (value === undefined) return undefined;
  const same = known.get(value);
  if (same !== undefined) return same;
  known.set(value, value);
  return value;
}

function readResults(node: XmlNode, c: JunitCase): void {
  const hasResult = node['failure'] !== undefined || node['error'] !== undefined || node['skipped'] !== undefined;
  const hasRerun =
    node['flakyFailure'] !== undefined || node['flakyError'] !== undefined || node['rerunFailure'] !== undefined || node['rerunError'] !== undefined;
  if (!hasResult && !hasRerun) {
    // The common case, a plain pass; behave may still say otherwise in `status`.
    const status = node['@_status'];
    if (typeof status === 'string') c.outcome = statusOutcome(status) ?? 'passed';
    return;
  }
  const reruns = hasRerun ? RERUN_KINDS.flatMap((kind) => children(node, kind).map((e) => rerun(kind, e))) : [];
  if (reruns.length) c.reruns = reruns;
  if (hasResult) return applyResults(c, resultsOf(node));
  // Surefire writes rerunFailure next to the final <failure>; alone it is still no pass.
  const rerunFailure = reruns.find((r) => r.kind === 'rerunFailure' || r.kind === 'rerunError');
  if (!rerunFailure) return;
  c.outcome = 'failed';
  if (rerunFailure.message !== undefined) c.message = rerunFailure.message;
  if (rerunFailure.type !== undefined) c.type = rerunFailure.type;
}

/** Results in the order that decides the outcome: failure (the call) over error (setup/teardown) over skip. */
function resultsOf(node: XmlNode): Result[] {
  const results: Result[] = [];
  for (const e of children(node, 'failure')) results.push(result('failed', e));
  for (const e of children(node, 'error')) results.push(result('error', e));
  for (const e of children(node, 'skipped')) results.push(result('skipped', e));
  return results;
}

function applyResults(c: JunitCase, results: Result[]): void {
  const primary = results[0];
  if (!primary) return;
  c.outcome = primary.outcome === 'skipped' && primary.type === 'pytest.xfail' ? 'xfailed' : primary.outcome;
  if (primary.message !== undefined) c.message = primary.message;
  if (primary.type !== undefined) c.type = primary.type;
  if (primary.details !== undefined) c.details = primary.details;
  if (results.length > 1) c.extra = results.slice(1);
}

function result(outcome: Result['outcome'], el: unknown): Result {
  const r: Result = { outcome };
  const message = attr(el, '@_message');
  if (message !== undefined) r.message = message;
  const type = attr(el, '@_type');
  if (type !== undefined) r.type = type;
  const details = textOf(el);
  if (details !== '') r.details = details;
  return r;
}

function rerun(kind: (typeof RERUN_KINDS)[number], el: unknown): NonNullable<JunitCase['reruns']>[number] {
  const r: NonNullable<JunitCase['reruns']>[number] = { kind };
  const message = attr(el, '@_message');
  if (message !== undefined) r.message = message;
  const type = attr(el, '@_type');
  if (type !== undefined) r.type = type;
  return r;
}

/** behave (and a few others) say the outcome in a `status` attribute, sometimes without a child element. */
function statusOutcome(status: string | undefined): JunitCase['outcome'] | undefined {
  switch (status?.toLowerCase()) {
    case 'failed': return 'failed';
    case 'error': return 'error';
    case 'skipped': case 'untested': return 'skipped';
    default: return undefined;
  }
}

function readExtras(node: XmlNode, c: JunitCase): void {
  if (node['system-out'] === undefined && node['system-err'] === undefined && node['properties'] === undefined) return;
  const out = joinedText(node, 'system-out');
  if (out) c.systemOut = out;
  const err = joinedText(node, 'system-err');
  if (err) c.systemErr = err;
  const props = children(node, 'properties').flatMap((p) => children(p, 'property'));
  if (props.length) {
    c.properties = {};
    for (const p of props) {
      const name = attr(p, '@_name');
      if (name !== undefined) c.properties[name] = attr(p, '@_value') ?? textOf(p);
    }
  }
}

function joinedText(node: XmlNode, tag: string): string {
  const parts = children(node, tag);
  if (!parts.length) return '';
  return capText(parts.map(textOf).filter((t) => t !== '').join('\n'), OUTPUT_CAP);
}
