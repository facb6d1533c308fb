import type { PlanInput, TaskDraft } from '../../src/plugin/contract.js';
import { perFileTasks } from '../_lib/per-file-tasks.js';
import { validation } from './validation.js';

/** One `lint_fix` task per file with flake8 violations (lint comes after failing tests and type errors). Pure. */
export function plan(input: PlanInput): TaskDraft[] {
  return perFileTasks(input, { tool: 'flake8', kind: 'lint_error', type: 'lint_fix', noun: 'flake8 problem', defaultRule: 'unknown', priority: 60, validation });
}
