import type { Finding } from '../../src/core/index.js';
import type { PlanInput, TaskDraft } from '../../src/plugin/contract.js';
import { ADD_TEST_PRIORITY, rankGaps } from './priority.js';
import { quarantineValidation } from './quarantine-validation.js';
import { addTestValidation } from './validation/index.js';

/**
 * Where an `add_test` task may write: test files only (pytest's default naming and test dirs),
 * never the module under test. Same glob syntax as the path guards.
 */
export const TEST_PATH_GLOBS = ['tests/**', 'test/**', '**/tests/**', '**/test_*.py', '**/*_test.py'];

/** Quarantines of obsolete tests come after every add_test task. */
export const QUARANTINE_PRIORITY = ADD_TEST_PRIORITY + 10_000;

const RETRY = { maxAttempts: 2 };

const detail = <T>(f: Finding, key: string, fallback: T): T => (f.evidence.details?.[key] as T | undefined) ?? fallback;

function addTestTask(f: Finding, priority: number, options: unknown): TaskDraft {
  const file = f.scope.file!;
  const targets = { files: [file], nodeIds: [] };
  return {
    type: 'add_test',
    tool: 'coverage',
    title: `Add tests for ${file} (${detail(f, 'percent', 0)}% → ${detail(f, 'target', 0)}%)`,
    findings: [f.fingerprint],
    targets,
    allowedPaths: TEST_PATH_GLOBS,
    validation: addTestValidation(targets, options),
    retryPolicy: RETRY,
    priority,
  };
}

function quarantineTask(f: Finding, priority: number, options: unknown): TaskDraft {
  const nodeId = f.scope.nodeId!;
  const file = f.scope.file ?? nodeId.split('::')[0]!;
  return {
    type: 'quarantine',
    tool: 'coverage',
    // The builtin quarantine fixer puts the title in the marker's reason.
    title: `Quarantine obsolete test ${nodeId}: it executes no project code`,
    findings: [f.fingerprint],
    targets: { files: [file], nodeIds: [nodeId] },
    allowedPaths: [file],
    validation: quarantineValidation([file], options),
    retryPolicy: RETRY,
    priority,
  };
}

/**
 * One `add_test` task per module below its target (critical, then high-churn, then bigger gaps
 * first; all after fix-type tasks), then one `quarantine` task per obsolete test not quarantined
 * yet (never a deletion: skip-audit plans that for old quarantines). A module
 * imported before coverage started gets no task: its gap is a measurement artifact until the
 * measurement is fixed. Pure.
 */
export function plan(input: PlanInput): TaskDraft[] {
  const ours = input.findings.filter((f) => f.tool === 'coverage');
  const gaps = ours.filter((f) => f.kind === 'coverage_gap' && f.scope.file);
  const ranks = rankGaps(gaps.map((f) => ({ path: f.scope.file!, critical: detail(f, 'critical', false), churn: detail(f, 'churnCommits', 0), gapStatements: detail(f, 'gapStatements', 0) })));
  const drafts = gaps
    .filter((f) => !detail(f, 'importedBeforeCoverage', false) && !input.isTestFile(f.scope.file!))
    .map((f) => addTestTask(f, ranks.get(f.scope.file!)!, input.options))
    .sort((a, b) => a.priority - b.priority);
  // An obsolete test that passed under its xfail is already quarantined: quarantining it again
  // would change nothing. Its deletion is skip-audit's delete_test, planned from the quarantine's age.
  const obsolete = ours
    .filter((f) => f.kind === 'obsolete_test' && f.scope.nodeId && !detail(f, 'xpassed', false))
    .sort((a, b) => a.scope.nodeId!.localeCompare(b.scope.nodeId!));
  drafts.push(...obsolete.map((f, i) => quarantineTask(f, QUARANTINE_PRIORITY + i, input.options)));
  return drafts;
}
