import type { Finding, ValidationSpec } from '../../src/core/index.js';
import type { PlanInput, TaskDraft } from '../../src/plugin/contract.js';

/**
 * One `fix` task per failing test file (or per classname/suite when the report names no file).
 * Report problems (`tool_error`) get no task: no code change repairs a report file.
 */
export function planJunit(input: PlanInput): TaskDraft[] {
  const groups = new Map<string, Finding[]>();
  for (const f of input.findings) {
    if (f.tool !== 'junit' || (f.kind !== 'test_failure' && f.kind !== 'test_error')) continue;
    const key = groupKey(f);
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.entries()].map(([key, findings]) => fixTask(key, findings));
}

function groupKey(f: Finding): string {
  const details = f.evidence.details ?? {};
  const fallback = typeof details['classname'] === 'string' && details['classname'] ? details['classname'] : details['suite'];
  return f.scope.file ?? (typeof fallback === 'string' && fallback ? fallback : f.scope.nodeId ?? f.fingerprint);
}

function fixTask(key: string, findings: Finding[]): TaskDraft {
  const files = unique(findings.map((f) => f.scope.file));
  const nodeIds = unique(findings.map((f) => f.scope.nodeId));
  const touched = unique([...files, ...findings.flatMap((f) => f.evidence.sourceFiles)]);
  const errors = findings.filter((f) => f.kind === 'test_error').length;
  return {
    type: 'fix',
    tool: 'junit',
    title: `Fix ${findings.length} failing test${findings.length === 1 ? '' : 's'} in ${key}`,
    findings: findings.map((f) => f.fingerprint),
    targets: { files, nodeIds },
    // The report names no project layout; without any file to go on the agent may look anywhere
    // (the guards' protected paths still apply).
    allowedPaths: touched.length ? touched : ['**'],
    validation: junitValidation(),
    retryPolicy: { maxAttempts: 2 },
    // Errors (setup, imports, build) usually hide failures behind them: fix those first.
    priority: errors ? 10 : 20,
  };
}

/** Ingested reports cannot be re-run, so there is no command that proves a fix. */
export function junitValidation(): ValidationSpec {
  return { commands: [], expect: 'exit-zero', repeat: 1 };
}

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))];
}
