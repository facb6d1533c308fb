import type { Finding, Severity } from '../../src/core/index.js';
import type { PlanInput, TaskDraft } from '../../src/plugin/contract.js';
import { nodeFile } from './node-ids.js';
import { validation } from './validation.js';
import { tierRank } from './select/tiers.js';
import type { RiskTierName } from '../../src/config/schema.js';

/**
 * Where a `fix_env` task may write: dependency manifests and test configuration. An environment
 * failure is never fixed by editing source code. Globs, matched by the guards.
 */
export const ENV_ALLOWED_PATHS = ['requirements*.txt', 'requirements/*.txt', 'pyproject.toml', 'setup.cfg', 'setup.py', 'tox.ini', 'pytest.ini', 'conftest.py', '**/conftest.py'];

const SEVERITY_RANK: Record<Severity, number> = { blocker: 0, high: 1, medium: 2, low: 3 };
const RETRY = { maxAttempts: 2 };

const unique = (xs: string[]) => [...new Set(xs)].sort();

function importedFiles(f: Finding): string[] {
  const imported = f.evidence.details?.['importedSourceFiles'];
  return Array.isArray(imported) ? imported.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * The code under test a fix may change: non-test repo files from the tracebacks, plus the repo
 * modules the test module imports (an assertion failure's traceback often shows only the test).
 * Nothing else: a fix that needs other files is out of scope and fails the path guard. Test code
 * is told apart by the repo's own matcher (its `python_files`).
 */
export function sourcePaths(findings: Finding[], isTestFile: (path: string) => boolean): string[] {
  return unique(findings.flatMap((f) => [...f.evidence.sourceFiles, ...importedFiles(f)]).filter((p) => !isTestFile(p)));
}

function draft(type: TaskDraft['type'], title: string, findings: Finding[], files: string[], allowedPaths: string[], priority: number, options: unknown): TaskDraft {
  const nodeIds = unique(findings.flatMap((f) => (f.scope.nodeId ? [f.scope.nodeId] : [])));
  return {
    type,
    tool: 'pytest',
    title,
    findings: unique(findings.map((f) => f.fingerprint)),
    targets: { files: unique(files), nodeIds },
    allowedPaths,
    validation: validation({ files, nodeIds }, options),
    retryPolicy: RETRY,
    priority,
  };
}

/** The finding's risk tier as normalize recorded it (`evidence.details.riskTier`), as a rank. */
function tierRankOf(f: Finding): number {
  const tier = f.evidence.details?.['riskTier'];
  return tierRank(tier === 'P0' || tier === 'P1' || tier === 'P2' ? (tier as RiskTierName) : undefined);
}

/**
 * Collection errors, then the environment, then one fix per failing test file: P0 tests' files
 * first (priority 20–23), then P1 (24–27), P2 (28–31) and untiered ones (32–35). Pure.
 */
export function plan(input: PlanInput): TaskDraft[] {
  const ours = input.findings.filter((f) => f.tool === 'pytest');
  const drafts: TaskDraft[] = [];
  for (const f of ours.filter((x) => x.kind === 'collection_error')) {
    const file = f.scope.nodeId ? nodeFile(f.scope.nodeId) : (f.scope.file ?? '');
    drafts.push(draft('update_test', `Make ${file} importable again`, [f], [file], unique([file, ...sourcePaths([f], input.isTestFile)]), 0, input.options));
  }
  // An interpreter that cannot start is ATQOS's config (plugins.pytest.python), not the repo's.
  const env = ours.filter((x) => x.kind === 'env_error' && x.evidence.details?.['runProblem'] !== 'start');
  if (env.length) {
    const files = env.flatMap((f) => (f.scope.nodeId ? [nodeFile(f.scope.nodeId)] : []));
    drafts.push(draft('fix_env', `Fix the test environment (${env.length} problem${env.length > 1 ? 's' : ''})`, env, files, ENV_ALLOWED_PATHS, 10, input.options));
  }
  const envIndex = env.length ? drafts.length - 1 : undefined;
  const byFile = new Map<string, Finding[]>();
  for (const f of ours.filter((x) => (x.kind === 'test_failure' || x.kind === 'test_error') && x.scope.nodeId)) {
    const file = nodeFile(f.scope.nodeId!);
    byFile.set(file, [...(byFile.get(file) ?? []), f]);
  }
  for (const [file, fs] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    // Most critical risk tier first (P0 before P1 … before untiered), then by severity.
    const rank = 4 * Math.min(...fs.map(tierRankOf)) + Math.min(...fs.map((f) => SEVERITY_RANK[f.severity]));
    const sources = sourcePaths(fs, input.isTestFile);
    // No code under test in the evidence: the failure lives in test code (a test-local helper or
    // fixture), so the test file itself is what must change.
    const d = sources.length
      ? draft('fix', `Fix the code under test for ${file}`, fs, [file], sources, 20 + rank, input.options)
      : draft('update_test', `Fix the test code in ${file}`, fs, [file], [file], 20 + rank, input.options);
    drafts.push(envIndex === undefined ? d : { ...d, dependsOnDrafts: [envIndex] });
  }
  return drafts;
}
