import type { Finding, Severity } from '../core/index.js';
import type { ReportInput } from './report-input.js';
import { artifactUri } from './sarif-uri.js';

/** GitHub code scanning shows at most this many results per run. */
export const MAX_SARIF_RESULTS = 25_000;

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { blocker: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub's `security-severity`-free ranking: `problem.severity` orders alerts. */
const PROBLEM: Record<Severity, 'error' | 'warning' | 'recommendation'> = { blocker: 'error', high: 'error', medium: 'warning', low: 'recommendation' };

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** A tool's own rule code when the plugin recorded one (ruff `E501`, eslint `no-unused-vars`), else the kind. */
export function sarifRuleId(f: Finding): string {
  const d = f.evidence.details ?? {};
  const code = text(d['rule']) ?? text(d['code']) ?? text(d['ruleId']);
  return `${f.tool}/${code ?? f.kind}`;
}

function helpUri(f: Finding): string | undefined {
  const url = text(f.evidence.details?.['url']);
  return url && /^https?:\/\//.test(url) ? url : undefined;
}

function column(f: Finding): number | undefined {
  const c = f.evidence.details?.['column'];
  return typeof c === 'number' && Number.isInteger(c) && c >= 1 ? c : undefined;
}

/**
 * The run's findings as SARIF 2.1.0 for GitHub code scanning: one rule per tool rule, one result
 * per finding that has a file (code scanning cannot show a result without a location; the others
 * are counted in the run's properties), 1-based regions, and our fingerprint as a partial
 * fingerprint so alerts follow a finding across line shifts.
 */
export function buildSarif(input: ReportInput): Record<string, unknown> {
  const located = input.findings.filter((f) => f.scope.file);
  const shown = located.slice(0, MAX_SARIF_RESULTS);
  const rules = new Map<string, Record<string, unknown>>();
  for (const f of shown) {
    const id = sarifRuleId(f);
    if (rules.has(id)) continue;
    const uri = helpUri(f);
    rules.set(id, {
      id,
      name: id.replace(/[^A-Za-z0-9]+/g, '_'),
      shortDescription: { text: `${f.tool}: ${f.kind.replace(/_/g, ' ')}${id.endsWith(`/${f.kind}`) ? '' : ` ${id.slice(f.tool.length + 1)}`}` },
      ...(uri ? { helpUri: uri } : {}),
      defaultConfiguration: { level: LEVEL[f.severity] },
      properties: { tags: [...new Set([f.tool, f.kind, f.category])], 'problem.severity': PROBLEM[f.severity] },
    });
  }
  const ruleIndex = new Map([...rules.keys()].map((id, i) => [id, i]));
  const results = shown.map((f) => {
    const ruleId = sarifRuleId(f);
    const col = column(f);
    return {
      ruleId,
      ruleIndex: ruleIndex.get(ruleId),
      level: LEVEL[f.severity],
      message: { text: `${f.title}${f.message && f.message !== f.title ? `\n${f.message}` : ''}`.slice(0, 4000) },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: artifactUri(f.scope.file as string), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.scope.line ?? 1, ...(col ? { startColumn: col } : {}) },
        },
      }],
      partialFingerprints: { 'atqosFinding/v1': f.fingerprint },
      properties: { kind: f.kind, category: f.category, severity: f.severity, ...(f.scope.nodeId ? { nodeId: f.scope.nodeId } : {}) },
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'ATQOS', rules: [...rules.values()] } },
      automationDetails: { id: `atqos/${input.run.lane}/` },
      results,
      properties: { runId: input.run.id, ...(input.run.baseSha ? { commit: input.run.baseSha } : {}), findings: input.findings.length, withoutLocation: input.findings.length - located.length, truncated: located.length - shown.length },
    }],
  };
}
