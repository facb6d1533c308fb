import type { Finding, Severity } from '../../src/core/index.js';
import type { PlanInput, TaskDraft } from '../../src/plugin/contract.js';
import { validation } from './validation.js';

const SEVERITY_RANK: Record<Severity, number> = { blocker: 0, high: 1, medium: 2, low: 3 };
const RETRY = { maxAttempts: 2 };

const unique = (xs: string[]) => [...new Set(xs)].sort();

function detail(f: Finding, key: string): string | undefined {
  const v = f.evidence.details?.[key];
  return typeof v === 'string' ? v : undefined;
}

function draft(type: TaskDraft['type'], title: string, findings: Finding[], files: string[], allowedPaths: string[], priority: number, options: unknown): TaskDraft {
  const nodeIds = unique(findings.flatMap((f) => (f.scope.nodeId ? [f.scope.nodeId] : [])));
  return {
    type,
    tool: 'go-test',
    title,
    findings: unique(findings.map((f) => f.fingerprint)),
    targets: { files: unique(files), nodeIds },
    allowedPaths: unique(allowedPaths),
    validation: validation({ files, nodeIds }, options),
    retryPolicy: RETRY,
    priority,
  };
}

/** A package that does not compile: fix the files the compiler names (test files → update_test). */
function buildTask(f: Finding, input: PlanInput): TaskDraft {
  const errorFiles = (f.evidence.details?.['errorFiles'] as string[] | undefined) ?? (f.scope.file ? [f.scope.file] : []);
  const onlyTests = errorFiles.length > 0 && errorFiles.every(input.isTestFile);
  const pkg = detail(f, 'package') ?? f.scope.nodeId ?? 'the package';
  return draft(onlyTests ? 'update_test' : 'fix', `Make ${pkg} compile again`, [f], errorFiles, errorFiles, 0, input.options);
}

/** Where a failing test's finding belongs: its test file, else its package. */
function groupKey(f: Finding): string {
  return detail(f, 'testFile') ?? detail(f, 'package') ?? f.scope.file ?? f.scope.nodeId ?? '';
}

/**
 * Build failures first, then one fix per failing test file (or package, for failures outside a
 * test): the code under test is the package's non-test files plus in-repo files of panic traces;
 * with none known, the test file itself is what must change. Pure.
 */
export function plan(input: PlanInput): TaskDraft[] {
  const ours = input.findings.filter((f) => f.tool === 'go-test');
  const drafts = ours.filter((f) => f.kind === 'collection_error').map((f) => buildTask(f, input));
  const groups = new Map<string, Finding[]>();
  for (const f of ours.filter((x) => x.kind === 'test_failure' || x.kind === 'test_error')) {
    groups.set(groupKey(f), [...(groups.get(groupKey(f)) ?? []), f]);
  }
  for (const [key, fs] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const rank = Math.min(...fs.map((f) => SEVERITY_RANK[f.severity]));
    const sources = unique(fs.flatMap((f) => f.evidence.sourceFiles).filter((p) => !input.isTestFile(p)));
    const files = unique(fs.flatMap((f) => detail(f, 'testFile') ?? []));
    const d = sources.length
      ? draft('fix', `Fix the code under test for ${key}`, fs, files, sources, 20 + rank, input.options)
      : draft('update_test', `Fix the test code in ${key}`, fs, files, files.length ? files : [key], 20 + rank, input.options);
    drafts.push(d);
  }
  return drafts;
}
