import { CtrfReport, CtrfTest } from './schema.js';
import type { CtrfSummary } from './schema.js';
import { endsInsideJson, quoteStart } from './json-text.js';

/** A CTRF document as ATQOS reads it. */
export interface CtrfDocument {
  /** `results.tool.name`, trimmed; undefined when absent or blank. */
  tool: string | undefined;
  summary: CtrfSummary | undefined;
  tests: CtrfTest[];
  /** Entries of `results.tests` that are not a test (no name, unknown status), with why. */
  bad: { index: number; reason: string }[];
  notes: string[];
}

export type CtrfParse = { ok: true; doc: CtrfDocument } | { ok: false; error: string };

function notCtrf(why: string): CtrfParse {
  return { ok: false, error: `not a CTRF report: ${why}` };
}

function readJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (!text.trim()) return { ok: false, error: 'file is empty: the test tool wrote no report (did it crash before finishing?)' };
  if (text.includes('\u0000')) return { ok: false, error: 'file is binary (contains NUL bytes), not JSON; UTF-16 reports must be re-encoded as UTF-8' };
  const first = text.trimStart().replace(/^\ufeff/, '')[0];
  if (first !== '{') {
    const html = /^\s*<(?:!doctype html|html)/i.test(text) ? ' (an HTML page, perhaps an error page saved in place of the report)' : '';
    return { ok: false, error: `not JSON: it starts with ${quoteStart(text)}${html}` };
  }
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\ufeff/, '')) };
  } catch (err) {
    if (endsInsideJson(text)) return { ok: false, error: 'JSON is truncated: the file ends inside the document (report still being written, or the job killed?)' };
    return { ok: false, error: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function reason(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || 'the entry'}: ${issue.message}` : 'not a test';
}

/** Parses a CTRF JSON report. Never throws: bad input is `{ ok: false, error }` saying what is wrong. */
export function parseCtrf(text: string): CtrfParse {
  const json = readJson(text);
  if (!json.ok) return json;
  const value = json.value as Record<string, unknown> | null;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return notCtrf('the document is not a JSON object');
  if (value['reportFormat'] !== undefined && value['reportFormat'] !== 'CTRF') return notCtrf(`reportFormat is ${JSON.stringify(value['reportFormat'])}, expected "CTRF"`);
  const results = value['results'] as Record<string, unknown> | undefined;
  if (typeof results !== 'object' || results === null) return notCtrf('it has no "results" object');
  if (!Array.isArray(results['tests'])) return notCtrf(`results.tests is ${results['tests'] === undefined ? 'missing' : `a ${typeof results['tests']}`}, expected a list of tests`);
  const report = CtrfReport.safeParse(value);
  if (!report.success) return notCtrf(reason(report.error));
  const doc: CtrfDocument = { tool: report.data.results.tool?.name?.trim() || undefined, summary: report.data.results.summary, tests: [], bad: [], notes: [] };
  if (value['reportFormat'] === undefined) doc.notes.push('no reportFormat/specVersion (an older CTRF producer?): read as CTRF');
  else if (report.data.specVersion && !/^0\./.test(report.data.specVersion)) doc.notes.push(`specVersion ${report.data.specVersion} is newer than the 0.x ATQOS knows: read with the 0.x fields`);
  report.data.results.tests.forEach((raw, index) => {
    const t = CtrfTest.safeParse(raw);
    if (t.success) doc.tests.push(t.data);
    else doc.bad.push({ index, reason: reason(t.error) });
  });
  return { ok: true, doc };
}
