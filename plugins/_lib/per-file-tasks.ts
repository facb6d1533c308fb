import type { Finding, FindingKind, TaskType, ValidationSpec } from '../../src/core/index.js';
import type { PlanInput, TaskDraft } from '../../src/plugin/contract.js';

/** One plugin's per-file fix tasks. */
export interface PerFileTasks {
  tool: string;
  kind: FindingKind;
  type: TaskType;
  /** What one finding is called in the title, singular: `mypy error`. */
  noun: string;
  /** A finding's rule; read from `evidence.details.rule`, this when absent. */
  defaultRule: string;
  /** Priority of a file with a high-severity finding; the others get one more (later). */
  priority: number;
  /** Node ids the task clears; default `<file>::<rule>` per rule, as a test node id names a test. */
  nodeIds?: (file: string, findings: Finding[], rules: string[]) => string[];
  validation: (targets: { files: string[]; nodeIds: string[] }, options: unknown) => ValidationSpec;
}

const RETRY = { maxAttempts: 2 };

/** One task per file with `tool`'s `kind` findings; it may change that file only. Pure. */
export function perFileTasks(input: PlanInput, spec: PerFileTasks): TaskDraft[] {
  const byFile = new Map<string, Finding[]>();
  for (const f of input.findings) {
    if (f.tool !== spec.tool || f.kind !== spec.kind || !f.scope.file) continue;
    byFile.set(f.scope.file, [...(byFile.get(f.scope.file) ?? []), f]);
  }
  const rule = (f: Finding) => String(f.evidence.details?.['rule'] ?? spec.defaultRule);
  return [...byFile].sort(([a], [b]) => a.localeCompare(b)).map(([file, fs]) => {
    const rules = [...new Set(fs.map(rule))].sort();
    const nodeIds = spec.nodeIds ? spec.nodeIds(file, fs, rules) : rules.map((r) => `${file}::${r}`);
    const targets = { files: [file], nodeIds };
    return {
      type: spec.type,
      tool: spec.tool,
      title: `Fix ${fs.length} ${spec.noun}${fs.length > 1 ? 's' : ''} in ${file} (${rules.join(', ')})`,
      findings: [...new Set(fs.map((f) => f.fingerprint))].sort(),
      targets,
      allowedPaths: [file],
      validation: spec.validation(targets, input.options),
      retryPolicy: RETRY,
      priority: spec.priority + (fs.some((f) => f.severity === 'high') ? 0 : 1),
    };
  });
}
