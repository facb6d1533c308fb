import { XMLParser } from 'fast-xml-parser';
import type { X2jOptions } from 'fast-xml-parser';
import { checkWellFormed } from './xml-check.js';
import { readReport } from './read-cases.js';

/** One `<testcase>` of a JUnit report, after merging pytest's duplicate teardown entries. */
export interface JunitCase {
  /** Enclosing testsuite name ('' if none); nested suites joined with ' > '. */
  suite: string;
  /** '' if absent. */
  classname: string;
  name: string;
  /** `file` attribute if present (as written, not normalized); inherited from the suite when the case has none. */
  file?: string;
  line?: number;
  /** From `time` (seconds); missing or garbage → 0. */
  durationMs: number;
  outcome: 'passed' | 'failed' | 'error' | 'skipped' | 'xfailed' | 'xpassed';
  /** `message` attribute of the failure/error/skipped element. */
  message?: string;
  type?: string;
  /** Element text (traceback), CDATA included. */
  details?: string;
  /** Capped to 64 KiB each. */
  systemOut?: string;
  systemErr?: string;
  properties?: Record<string, string>;
  /** Surefire rerun data: flakyFailure/flakyError (passed after rerun) and rerunFailure/rerunError. */
  reruns?: { kind: 'flakyFailure' | 'flakyError' | 'rerunFailure' | 'rerunError'; message?: string; type?: string }[];
  /** Extra result elements in the same testcase (e.g. pytest failure + teardown error in one testcase). */
  extra?: { outcome: 'failed' | 'error' | 'skipped'; message?: string; type?: string; details?: string }[];
}

export interface JunitReport {
  cases: JunitCase[];
  /** Sum of the declared counts on the top-level suites, when present. */
  declared?: { tests: number; failures: number; errors: number; skipped: number; timeMs: number };
  /** Non-fatal observations, e.g. "declared tests=12 but 10 testcase elements (pytest subtests?)". */
  notes: string[];
  /** Declared failures + errors that no testcase element shows; such a report is never green. */
  unexplained?: number;
}

export type JunitParse = { ok: true; report: JunitReport } | { ok: false; error: string };

const ARRAY_TAGS = new Set([
  'testsuite', 'testcase', 'failure', 'error', 'skipped', 'property', 'properties', 'system-out', 'system-err',
  'flakyFailure', 'flakyError', 'rerunFailure', 'rerunError',
]);

/**
 * fast-xml-parser options for JUnit: attributes kept as strings under `@_`, CDATA apart from
 * text (it must not be entity-decoded), and no entity or DTD processing at all.
 */
export const junitXmlOptions: Partial<X2jOptions> = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  cdataPropName: '#cdata',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (tagName: string) => ARRAY_TAGS.has(tagName),
};

const JUNIT_ROOTS = new Set(['testsuites', 'testsuite']);

/** Parses a JUnit XML report. Never throws: bad input is `{ ok: false, error }` saying what is wrong. */
export function parseJunit(xml: string): JunitParse {
  const problem = preflight(xml);
  if (problem) return { ok: false, error: problem };
  const checked = checkWellFormed(xml);
  if (!checked.ok) {
    return { ok: false, error: checked.root && !JUNIT_ROOTS.has(checked.root) ? notJunit(checked.root) : checked.error };
  }
  const foreign = checked.roots.find((r) => !JUNIT_ROOTS.has(r));
  if (foreign) return { ok: false, error: notJunit(foreign) };
  if (checked.roots.length > 1 && checked.roots.some((r) => r !== 'testsuite')) {
    return { ok: false, error: `XML has ${checked.roots.length} root elements (<${checked.roots.join('>, <')}>); a report has one` };
  }
  try {
    const tree = new XMLParser(junitXmlOptions).parse(checked.bodyStart ? xml.slice(checked.bodyStart) : xml) as Record<string, unknown>;
    const report = readReport(tree);
    if (checked.roots.length > 1) {
      report.notes.push(`${checked.roots.length} root <testsuite> elements (concatenated reports?); read as siblings`);
    }
    return { ok: true, report };
  } catch (err) {
    return { ok: false, error: `XML could not be parsed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function preflight(xml: string): string | undefined {
  let start = 0;
  while (start < xml.length && /[\s\ufeff]/.test(xml[start] as string)) start++;
  if (start === xml.length) return 'file is empty: the tool wrote no report (did it crash before finishing?)';
  if (xml.indexOf('\u0000') !== -1) return 'file is binary (contains NUL bytes), not XML; UTF-16 reports must be re-encoded as UTF-8';
  if (xml[start] !== '<') return `not XML: it starts with ${JSON.stringify(xml.slice(start, start + 40))}`;
  return undefined;
}

function notJunit(root: string): string {
  const hint = root.toLowerCase() === 'html' ? ' (an HTML page, perhaps an error page saved in place of the report)' : '';
  return `not a JUnit report: root element is <${root}>${hint}; expected <testsuites> or <testsuite>`;
}
