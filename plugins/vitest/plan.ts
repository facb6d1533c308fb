import type { Finding, Severity } from '../../src/core/index.js';
import type { PlanInput, TaskDraft } from '../../src/plugin/contract.js';
import { validation } from './validation.js';

/** Where a `fix_env` task may write: the package manifest and lockfiles, never source code. */
export const ENV_ALLOWED_PATHS = ['package.json', 'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lockb', '.npmrc'];

const SEVERITY_RANK: Record<Severity, number> = { blocker: 0, high: 1, medium: 2, low: 3 };
const RETRY = { maxAttempts: 2 };
const unique = (xs: string[]) => [...new Set(xs)].sort();

function importedFiles(f: Finding): string[] {
  const imported = f.evidence.details?.['importedSourceFiles'];
  return Array.isArray(imported) ? imported.filter((x): x is string => typeof x === 'string') : [];
}

function testFileOf(f: Finding): string {
  const file = f.evidence.details?.['testFile'];
  return typeof file === 'string' ? file : (f.scope.file ?? '');
}

/**
 * The code under test a fix may change: non-test repo files in the failure stacks, plus the repo
 * files the test file imports (an assertion's stack often shows only the test itself).
 */
export function sourcePaths(findings: Finding[], isTestFile: (path: string) => boolean): string[] {
  return unique(findings.flatMap((f) => [...f.evidence.sourceFiles, ...importedFiles(f)]).filter((p) => !isTestFile(p)));
}

function draft(type: TaskDraft['type'], title: string, findings: Finding[], files: string[], allowedPaths: string[], priority: number, options: unknown): TaskDraft {
  const nodeIds = unique(findings.flatMap((f) => (f.scope.nodeId ? [f.scope.nodeId] : [])));
  const targets = { files: unique(files), nodeIds };
  return { type, tool: 'vitest', title, findings: unique(findings.map((f) => f.fingerprint)), targets, allowedPaths, validation: validation(targets, options), retryPolicy: RETRY, priority };
}

/**
 * Test files that cannot load, then missing packages, then one task per failing test file: `fix`
 * (the code under test) when the evidence names source files, else `update_test`. Pure.
 */
export function plan(input: PlanInput): TaskDraft[] {
  const ours = input.findings.filter((f) => f.tool === 'vitest');
  const drafts: TaskDraft[] = [];
  for (const f of ours.filter((x) => x.kind === 'collection_error')) {
    const file = testFileOf(f);
    drafts.push(draft('update_test', `Make ${file} load again`, [f], [file], unique([file, ...sourcePaths([f], input.isTestFile)]), 0, input.options));
  }
  const env = ours.filter((x) => x.kind === 'env_error');
  if (env.length) drafts.push(draft('fix_env', `Fix the test environment (${env.length} problem${env.length > 1 ? 's' : ''})`, env, unique(env.map(testFileOf)), ENV_ALLOWED_PATHS, 10, input.options));
  const envIndex = env.length ? drafts.length - 1 : undefined;
  const byFile = new Map<string, Finding[]>();
  for (const f of ours.filter((x) => (x.kind === 'test_failure' || x.kind === 'test_error') && x.scope.nodeId)) {
    byFile.set(testFileOf(f), [...(byFile.get(testFileOf(f)) ?? []), f]);
  }
  for (const [file, fs] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    const rank = Math.min(...fs.map((f) => SEVERITY_RANK[f.severity]));
    const sources = sourcePaths(fs, input.isTestFile);
    const d = sources.length
      ? draft('fix', `Fix the code under test for ${file}`, fs, [file], sources, 20 + rank, input.options)
      : draft('update_test', `Fix the test code in ${file}`, fs, [file], [file], 20 + rank, input.options);
    drafts.push(envIndex === undefined ? d : { ...d, dependsOnDrafts: [envIndex] });
  }
  return drafts;
}
