import type { PlanInput, TaskDraft } from '../../src/plugin/contract.js';
import { perFileTasks } from '../_lib/per-file-tasks.js';
import { validation } from './validation.js';

/** One `type_fix` task per file with pyright problems (type errors come after failing tests, before lint). Pure. */
export function plan(input: PlanInput): TaskDraft[] {
  return perFileTasks(input, { tool: 'pyright', kind: 'type_error', type: 'type_fix', noun: 'pyright problem', defaultRule: 'pyright', priority: 40, validation });
}
