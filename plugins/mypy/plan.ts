import type { Finding } from '../../src/core/index.js';
import type { PlanInput, TaskDraft } from '../../src/plugin/contract.js';
import { validation } from './validation.js';

/** Type errors come after failing tests, before lint. */
const PRIORITY = 40;
const RETRY = { maxAttempts: 2 };

const rule = (f: Finding) => String(f.evidence.details?.['rule'] ?? 'misc');

/** One `type_fix` task per file with mypy errors; it may change that file only. Pure. */
export function plan(input: PlanInput): TaskDraft[] {
  const byFile = new Map<string, Finding[]>();
  for (const f of input.findings) {
    if (f.tool !== 'mypy' || f.kind !== 'type_error' || !f.scope.file) continue;
    byFile.set(f.scope.file, [...(byFile.get(f.scope.file) ?? []), f]);
  }
  return [...byFile].sort(([a], [b]) => a.localeCompare(b)).map(([file, fs]) => {
    const rules = [...new Set(fs.map(rule))].sort();
    // `<file>::<code>` names what the task clears, as a test node id names a test.
    const targets = { files: [file], nodeIds: rules.map((r) => `${file}::${r}`) };
    return {
      type: 'type_fix',
      tool: 'mypy',
      title: `Fix ${fs.length} mypy error${fs.length > 1 ? 's' : ''} in ${file} (${rules.join(', ')})`,
      findings: [...new Set(fs.map((f) => f.fingerprint))].sort(),
      targets,
      allowedPaths: [file],
      validation: validation(targets, input.options),
      retryPolicy: RETRY,
      priority: PRIORITY + (fs.some((f) => f.severity === 'high') ? 0 : 1),
    };
  });
}
