// Builders for guard specs: guards are pure, so their inputs are plain data. Not part of the guards.
import type { Task, TaskType } from '../core/index.js';
import type { ChangedFile, GuardInput } from './contract.js';
import { looksLikeTestFile } from './no-test-deleted.js';

export function makeTask(type: TaskType, allowedPaths: string[]): Task {
  return {
    id: 't1', runId: 'r1', type, tool: 'pytest', title: `a ${type} task`, findings: ['f'.repeat(64)],
    targets: { files: [], nodeIds: [] }, allowedPaths,
    validation: { commands: [], expect: 'targets-pass', repeat: 1 }, retryPolicy: { maxAttempts: 2 },
    priority: 20, dependsOn: [], status: 'running',
  };
}

export function change(path: string, extra: Partial<ChangedFile> = {}): ChangedFile {
  return { path, status: 'modified', insertions: 1, deletions: 1, binary: false, ...extra };
}

export interface InputSpec {
  task?: Task;
  changes: ChangedFile[];
  base?: Record<string, string>;
  after?: Record<string, string>;
  inventoryBefore?: string[];
  inventoryAfter?: string[];
  limits?: GuardInput['limits'];
  isTestFile?: (path: string) => boolean;
}

export function makeInput(spec: InputSpec): GuardInput {
  return {
    task: spec.task ?? makeTask('fix', ['src/**']),
    changes: spec.changes,
    readBase: (p) => spec.base?.[p],
    readAfter: (p) => spec.after?.[p],
    isTestFile: spec.isTestFile ?? looksLikeTestFile,
    ...(spec.inventoryBefore ? { inventoryBefore: spec.inventoryBefore } : {}),
    ...(spec.inventoryAfter ? { inventoryAfter: spec.inventoryAfter } : {}),
    limits: spec.limits ?? { maxChangedLines: 400, maxChangedFiles: 10 },
  };
}
