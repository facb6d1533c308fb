import type { Finding } from '../../src/core/index.js';
import type { PlanInput, TaskDraft } from '../../src/plugin/contract.js';
import { perFileTasks } from '../_lib/per-file-tasks.js';
import { lintNodeId } from './node-ids.js';
import { validation } from './validation.js';

function rule(f: Finding): string {
  return String(f.evidence.details?.['rule'] ?? 'unknown');
}

/** One node id per rule; `[fix]` only when every violation of it in the file has a safe fix. */
function nodeIds(file: string, findings: Finding[]): string[] {
  const byRule = new Map<string, boolean>();
  for (const f of findings) byRule.set(rule(f), (byRule.get(rule(f)) ?? true) && f.evidence.details?.['fixable'] === true);
  return [...byRule].sort(([a], [b]) => a.localeCompare(b)).map(([r, fixable]) => lintNodeId(file, r, fixable));
}

/** One `lint_fix` task per file with ruff violations (lint comes after failing tests and type errors). Pure. */
export function plan(input: PlanInput): TaskDraft[] {
  return perFileTasks(input, { tool: 'ruff', kind: 'lint_error', type: 'lint_fix', noun: 'ruff problem', defaultRule: 'unknown', priority: 60, nodeIds, validation });
}
