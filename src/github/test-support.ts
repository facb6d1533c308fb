// Inputs for the publish-plan specs: findings from a committed capture of a real pytest run,
// normalized by the real plugin, and a run, tasks and attempts checked by the core schemas.
import { Attempt, Finding, Run, Task } from '../core/index.js';
import { normalize } from '../../plugins/pytest/normalize.js';
import { loadCapture } from '../../plugins/pytest/test-support.js';
import type { AcceptedFix, BuildPlanInput } from './plan-input.js';

export const HEAD = 'c0ffee'.padEnd(40, '0');
export const BASE = 'bada55'.padEnd(40, '1');

/** The four findings of the `demo` fixture project as pytest 7 reported them. */
export function demoFindings(): Finding[] {
  return normalize(loadCapture('demo.py-debian')).findings;
}

export function demoRun(over: Partial<Run> = {}): Run {
  return Run.parse({
    id: '20261121T000000Z-ab12', repo: '/repo', lane: 'nightly', command: 'run', status: 'finished', conclusion: 'red',
    startedAt: '2026-11-21T00:00:00.000Z', finishedAt: '2026-11-21T00:03:00.000Z', baseSha: BASE,
    counts: { total: 12, passed: 6, failed: 3, errors: 1, skipped: 1, xfailed: 1, xpassed: 0, durationMs: 2_345 }, findingCount: 4, ...over,
  });
}

export function taskFor(f: Finding, id = `t-${f.fingerprint.slice(0, 8)}`): Task {
  return Task.parse({
    id, runId: demoRun().id, type: 'fix', tool: 'pytest', title: `Fix ${f.title}`, findings: [f.fingerprint],
    targets: { files: [f.scope.file ?? 'tests/x.py'], nodeIds: [f.scope.nodeId ?? 'tests/x.py::t'] }, allowedPaths: ['src/**'],
    validation: { commands: [{ argv: ['python3', '-m', 'pytest', f.scope.nodeId ?? 'tests/x.py', '-k', 'not slow or "quoted"'] }], expect: 'targets-pass', repeat: 3 },
    retryPolicy: { maxAttempts: 3 }, priority: 1, dependsOn: [], status: 'succeeded', branch: `atqos/fix/${f.fingerprint.slice(0, 12)}`,
  });
}

export function attemptFor(task: Task, n: number, outcome: Attempt['outcome']): Attempt {
  return Attempt.parse({
    id: `${task.id}-a${n}`, taskId: task.id, n, agent: 'claude', model: 'claude-sonnet-4-5', startedAt: '2026-11-21T00:01:00.000Z',
    diffStat: { files: 1, insertions: 4, deletions: 2 },
    guards: [{ guard: 'allowed-paths', passed: true }, { guard: 'no-test-deleted', passed: true }, { guard: 'diff-size', passed: outcome === 'accepted' }],
    validation: { ok: outcome === 'accepted', exitCode: 0, summary: { total: 1, passed: 1, failed: 0, errors: 0, skipped: 0 }, delta: { fixed: task.targets.nodeIds, broken: [] }, artifacts: [] },
    cost: { usd: 0.125, inputTokens: 1_200, outputTokens: 340 }, outcome,
  });
}

export function acceptedFor(task: Task): AcceptedFix {
  return {
    taskId: task.id, branch: task.branch as string, commit: 'f00d'.padEnd(40, '2'),
    commitMessage: `fix(atqos): ${task.title}\n\nATQOS-Run: ${demoRun().id}\nATQOS-Task: ${task.id}\n`,
    files: [{ action: 'write', path: 'src/shop/cart.py', contentBase64: Buffer.from('def total():\n    return 1\n').toString('base64'), mode: '100644' }],
    diffStat: { files: 1, insertions: 4, deletions: 2 },
    validation: {
      commands: task.validation.commands, repeat: 3,
      result: { ok: true, exitCode: 0, summary: { total: 1, passed: 1, failed: 0, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, durationMs: 10 }, delta: { fixed: task.targets.nodeIds, broken: [] }, artifacts: [] },
    },
  };
}

/** A finished red run of the demo project: one task accepted on its second attempt, one abandoned. */
export function demoInput(over: Partial<BuildPlanInput> = {}): BuildPlanInput {
  const findings = demoFindings();
  const [a, b] = findings as [Finding, Finding];
  const fixed = taskFor(a);
  const abandoned = { ...taskFor(b), status: 'abandoned' as const };
  return {
    repo: { owner: 'acme', repo: 'shop' }, run: demoRun(), headSha: HEAD, baseBranch: 'main', findings, gone: [],
    tasks: [fixed, abandoned],
    attempts: [attemptFor(fixed, 1, 'rejected'), attemptFor(fixed, 2, 'accepted'), attemptFor(abandoned, 1, 'failed')],
    accepted: [acceptedFor(fixed)], reportUrl: 'https://github.com/acme/shop/actions/runs/42', ...over,
  };
}

/** A finding with the given text in every untrusted field. */
export function hostileFinding(text: string, fingerprint = 'e'.repeat(40)): Finding {
  return Finding.parse({
    tool: 'pytest', kind: 'test_failure', severity: 'blocker', category: 'assertion',
    scope: { file: 'tests/dir with space/tëst#1.py', line: 7, nodeId: `tests/t.py::test[${text.slice(0, 200)}]` },
    fingerprint, title: `test failed: ${text.slice(0, 300)}`, message: text,
    evidence: { assertionMessage: text, excerpt: `E   ${text}`, sourceFiles: ['src/a b.py', '/etc/passwd', '../outside.py'] },
  });
}
