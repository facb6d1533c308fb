import type { ArtifactRef, Finding, Severity } from '../../src/core/index.js';
import { fingerprint } from '../../src/core/index.js';
import { IMPORT_TIME_ADVICE } from './import-time.js';
import type { ModuleEntry } from './inventory.js';
import { lineRanges } from './line-ranges.js';

const TOOL = 'coverage';

export const round2 = (n: number): number => Math.round(n * 100) / 100;

function gapSeverity(e: ModuleEntry): Severity {
  if (e.critical) return 'high';
  return e.target - e.file.percent >= 30 ? 'medium' : 'low';
}

/** A `coverage_gap` finding for a module below its target. Identity: tool, kind and path. */
export function gapFinding(e: ModuleEntry, churnDays: number, artifacts: ArtifactRef[]): Finding {
  const pct = round2(e.file.percent);
  const covered = e.file.statements - e.file.missing.length;
  const missing = lineRanges(e.file.missing);
  const why = e.status === 'no_tests' ? 'no test executes it' : `missing lines ${missing.slice(0, 12).join(', ')}${missing.length > 12 ? ', …' : ''}`;
  const early = e.importedEarly ? `; it was imported before coverage started, so its module-level lines read as missed (${IMPORT_TIME_ADVICE})` : '';
  return {
    tool: TOOL,
    kind: 'coverage_gap',
    severity: gapSeverity(e),
    category: 'coverage',
    scope: { file: e.path, symbol: e.module },
    fingerprint: fingerprint([TOOL, 'coverage_gap', e.path]),
    title: `${e.path}: ${pct}% line coverage, target ${e.target}%`,
    message: `${e.path} covers ${covered} of ${e.file.statements} statements (${pct}%), below its ${e.target}% target: ${why}${early}`,
    evidence: {
      sourceFiles: [e.path],
      details: {
        module: e.module,
        percent: pct,
        target: e.target,
        statements: e.file.statements,
        missingLines: missing,
        gap: round2(e.target - e.file.percent),
        gapStatements: e.gapStatements,
        churnCommits: e.churn,
        churnDays,
        critical: e.critical,
        status: e.status,
        ...(e.testedBy !== undefined ? { testedBy: e.testedBy } : {}),
        ...(e.importedEarly ? { importedBeforeCoverage: true } : {}),
      },
    },
    artifacts,
  };
}

/**
 * An `obsolete_test` finding: a test that passed without executing any measured project line.
 * `xpassed`: it passed under an xfail marker (already quarantined); same problem, same fingerprint.
 */
export function obsoleteFinding(nodeId: string, sources: string, artifacts: ArtifactRef[], xpassed = false): Finding {
  return {
    tool: TOOL,
    kind: 'obsolete_test',
    severity: 'low',
    category: 'coverage',
    scope: { file: nodeId.split('::')[0], nodeId },
    fingerprint: fingerprint([TOOL, 'obsolete_test', nodeId]),
    title: `${nodeId} executes no project code`,
    message: `${nodeId} passed${xpassed ? ' (under its xfail marker)' : ''} without executing a single line of the measured source (${sources}): it tests nothing in this project. ${xpassed ? 'It is already marked xfail; an ATQOS quarantine of it ends in a delete_test task (skip-audit)' : 'Quarantine it with a reason; delete it only in a task of its own'}`,
    evidence: {
      sourceFiles: [],
      details: { reason: 'no line of any measured source file ran in its per-test coverage context (setup, call or teardown)', measured: sources, ...(xpassed ? { xpassed: true } : {}) },
    },
    artifacts,
  };
}

/** Why a coverage run cannot be trusted, as a finding. Identity: tool, kind and the problem's key. */
export interface RunProblem { key: string; kind: 'tool_error' | 'env_error'; title: string; message: string; excerpt: string }

export function runProblemFinding(p: RunProblem, artifacts: ArtifactRef[]): Finding {
  return {
    tool: TOOL,
    kind: p.kind,
    severity: 'high',
    category: p.kind === 'env_error' ? 'environment' : 'tool',
    scope: {},
    fingerprint: fingerprint([TOOL, p.kind, p.key]),
    title: p.title,
    message: p.message,
    evidence: { sourceFiles: [], ...(p.excerpt ? { excerpt: p.excerpt } : {}), details: { runProblem: p.key } },
    artifacts,
  };
}
