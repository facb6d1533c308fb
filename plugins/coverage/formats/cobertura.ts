import { XMLParser } from 'fast-xml-parser';
import type { X2jOptions } from 'fast-xml-parser';
import { checkWellFormed } from '../../junit/xml-check.js';
import type { CoverageData, FileCoverage, ParseResult } from './model.js';
import { linePercent, sortedUnique } from './model.js';
import { toRepoPath } from './repo-path.js';
import { stripCoberturaDoctype } from './xml-prolog.js';

type Node = Record<string, unknown>;

const ARRAY_TAGS = new Set(['source', 'package', 'class', 'line']);

const coberturaXmlOptions: Partial<X2jOptions> = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (tagName: string) => ARRAY_TAGS.has(tagName),
};

const list = (v: unknown): Node[] => (Array.isArray(v) ? v.filter((x): x is Node => typeof x === 'object' && x !== null) : []);
const child = (n: Node | undefined, tag: string): Node | undefined => {
  const v = n?.[tag];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Node) : undefined;
};
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'object' && v !== null ? String((v as Node)['#text'] ?? '') : '');

/** Per file: line → hits, and branch counts from `condition-coverage="50% (1/2)"`. */
interface Tally { hits: Map<number, number>; branches: { total: number; covered: number } }

function tallyClass(cls: Node, tally: Tally): void {
  for (const line of list(child(cls, 'lines')?.['line'])) {
    const n = Number(line['@_number']);
    const hits = Number(line['@_hits']);
    if (!Number.isInteger(n) || n < 1 || !Number.isFinite(hits)) continue;
    tally.hits.set(n, Math.max(tally.hits.get(n) ?? 0, hits));
    const cond = /\((\d+)\/(\d+)\)/.exec(String(line['@_condition-coverage'] ?? ''));
    if (line['@_branch'] === 'true' && cond) {
      tally.branches.covered += Number(cond[1]);
      tally.branches.total += Number(cond[2]);
    }
  }
}

function toFile(t: Tally): FileCoverage {
  const executed = sortedUnique([...t.hits].filter(([, h]) => h > 0).map(([n]) => n));
  const missing = sortedUnique([...t.hits].filter(([, h]) => h <= 0).map(([n]) => n));
  const file: FileCoverage = { statements: t.hits.size, executed, missing, percent: linePercent(t.hits.size, executed.length) };
  if (t.branches.total > 0) file.branches = t.branches;
  return file;
}

/** Parses a Cobertura XML report (coverage.py `coverage xml`, pytest-cov, Cobertura, others). */
export function parseCobertura(xml: string, repoDir: string): ParseResult {
  if (!xml.trim()) return { ok: false, error: 'the Cobertura report is empty: the tool wrote no report (did it crash before finishing?)' };
  const stripped = stripCoberturaDoctype(xml);
  if (!stripped.ok) return stripped;
  const checked = checkWellFormed(stripped.xml);
  if (!checked.ok) return { ok: false, error: `the Cobertura report is not well-formed XML: ${checked.error}` };
  if (checked.roots[0] !== 'coverage' || checked.roots.length > 1) {
    return { ok: false, error: `not a Cobertura report: root element is <${checked.roots.join('>, <')}>; expected one <coverage>` };
  }
  let tree: Node;
  try {
    tree = new XMLParser(coberturaXmlOptions).parse(stripped.xml.slice(checked.bodyStart)) as Node;
  } catch (err) {
    return { ok: false, error: `the Cobertura report could not be parsed: ${(err as Error).message}` };
  }
  const root = child(tree, 'coverage');
  const sources = child(root, 'sources')?.['source'];
  const roots = Array.isArray(sources) ? sources.map(text).filter(Boolean) : [];
  const tallies = new Map<string, Tally>();
  const data: CoverageData = { files: {}, hasContexts: false, outside: [], notes: [] };
  const version = root?.['@_version'];
  if (typeof version === 'string' && version) data.producer = `cobertura ${version}`;
  for (const pkg of list(child(root, 'packages')?.['package'])) {
    for (const cls of list(child(pkg, 'classes')?.['class'])) {
      const name = String(cls['@_filename'] ?? '');
      if (!name) { data.notes.push('a <class> without a filename attribute was skipped'); continue; }
      const rel = toRepoPath(name, repoDir, roots);
      if (rel === undefined) { if (!data.outside.includes(name)) data.outside.push(name); continue; }
      const tally = tallies.get(rel) ?? { hits: new Map(), branches: { total: 0, covered: 0 } };
      tallyClass(cls, tally);
      tallies.set(rel, tally);
    }
  }
  for (const [rel, t] of [...tallies].sort(([a], [b]) => a.localeCompare(b))) data.files[rel] = toFile(t);
  return { ok: true, data };
}
