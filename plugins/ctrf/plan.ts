import type { Finding, ValidationSpec } from '../../src/core/index.js';
import type { PlanInput, TaskDraft } from '../../src/plugin/contract.js';

/**
 * One `fix` task per failing test file (or per suite when the report names no file in the repo).
 * Report problems and flaky tests get no task: a report file cannot be fixed, and a flaky pass
 * cannot be proven fixed without re-running the suite here.
 */
export function planCtrf(input: PlanInput): TaskDraft[] {
  const groups = new Map<string, Finding[]>();
  for (const f of input.findings) {
    if (f.tool !== 'ctrf' || (f.kind !== 'test_failure' && f.kind !== 'test_error')) continue;
    const key = groupKey(f);
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.entries()].map(([key, findings]) => fixTask(key, findings));
}

function groupKey(f: Finding): string {
  const suite = f.evidence.details?.['suite'];
  const top = Array.isArray(suite) && typeof suite[0] === 'string' ? suite.join(' > ') : undefined;
  return f.scope.file ?? top ?? f.scope.nodeId ?? f.fingerprint;
}

function fixTask(key: string, findings: Finding[]): TaskDraft {
  const files = unique(findings.map((f) => f.scope.file));
  const touched = unique([...files, ...findings.flatMap((f) => f.evidence.sourceFiles)]);
  const errors = findings.filter((f) => f.kind === 'test_error').length;
  return {
    type: 'fix',
    tool: 'ctrf',
    title: `Fix ${findings.length} failing test${findings.length === 1 ? '' : 's'} in ${key.length > 120 ? `${key.slice(0, 119)}…` : key}`,
    findings: findings.map((f) => f.fingerprint),
    targets: { files, nodeIds: unique(findings.map((f) => f.scope.nodeId)) },
    // Without any file to go on the agent may look anywhere (the guards' protected paths still apply).
    allowedPaths: touched.length ? touched : ['**'],
    validation: ctrfValidation(),
    retryPolicy: { maxAttempts: 2 },
    // Errors (crashes, interrupted tests) usually hide failures behind them: fix those first.
    priority: errors ? 10 : 20,
  };
}

/** Ingested reports cannot be re-run, so there is no command that proves a fix. */
export function ctrfValidation(): ValidationSpec {
  return { commands: [], expect: 'exit-zero', repeat: 1 };
}

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))];
}
