import type { Finding } from '../../src/core/index.js';
import type { PlanInput, TaskDraft } from '../../src/plugin/contract.js';
import { lintNodeId } from './node-ids.js';
import { validation } from './validation.js';

/** Lint comes after failing tests and type errors. */
const PRIORITY = 60;
const RETRY = { maxAttempts: 2 };

function rule(f: Finding): string {
  return String(f.evidence.details?.['rule'] ?? 'unknown');
}

/** One node id per rule; `[fix]` only when every violation of it in the file has a safe fix. */
function nodeIds(file: string, findings: Finding[]): string[] {
  const byRule = new Map<string, boolean>();
  for (const f of findings) byRule.set(rule(f), (byRule.get(rule(f)) ?? true) && f.evidence.details?.['fixable'] === true);
  return [...byRule].sort(([a], [b]) => a.localeCompare(b)).map(([r, fixable]) => lintNodeId(file, r, fixable));
}

/** One `lint_fix` task per file with ruff violations; it may change that file only. Pure. */
export function plan(input: PlanInput): TaskDraft[] {
  const byFile = new Map<string, Finding[]>();
  for (const f of input.findings) {
    if (f.tool !== 'ruff' || f.kind !== 'lint_error' || !f.scope.file) continue;
    byFile.set(f.scope.file, [...(byFile.get(f.scope.file) ?? []), f]);
  }
  return [...byFile].sort(([a], [b]) => a.localeCompare(b)).map(([file, fs]) => {
    const targets = { files: [file], nodeIds: nodeIds(file, fs) };
    const rules = [...new Set(fs.map(rule))].sort();
    return {
      type: 'lint_fix',
      tool: 'ruff',
      title: `Fix ${fs.length} ruff problem${fs.length > 1 ? 's' : ''} in ${file} (${rules.join(', ')})`,
      findings: [...new Set(fs.map((f) => f.fingerprint))].sort(),
      targets,
      allowedPaths: [file],
      validation: validation(targets, input.options),
      retryPolicy: RETRY,
      priority: PRIORITY + (fs.some((f) => f.severity === 'high') ? 0 : 1),
    };
  });
}
