import type { GuardVerdict, Task } from '../core/index.js';

/** One changed path in an attempt's diff against the run's base commit. */
export interface ChangedFile {
  path: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'type_changed';
  /** For renames and copies: where it came from. */
  oldPath?: string;
  insertions: number;
  deletions: number;
  binary: boolean;
}

/** Everything a guard may look at. Guards are pure: no process, no network. */
export interface GuardInput {
  task: Task;
  changes: readonly ChangedFile[];
  /** File text at the run's base commit; undefined when absent there. */
  readBase(path: string): string | undefined;
  /** File text in the attempt's worktree; undefined when absent. */
  readAfter(path: string): string | undefined;
  /** Collected test ids before and after the attempt, when the plugin can list them. */
  inventoryBefore?: readonly string[];
  inventoryAfter?: readonly string[];
  /** Whether a path is a test file of the owning tool in this repo. */
  isTestFile(path: string): boolean;
  /** Limits from config. */
  limits: { maxChangedLines: number; maxChangedFiles: number };
}

/**
 * A check an attempt must pass before it is accepted. Generic guards live in src/guards;
 * tool-specific ones (skip markers, assertions) come from the plugin that owns the task.
 */
export interface Guard {
  id: string;
  description: string;
  check(input: GuardInput): GuardVerdict;
}
