import { createHash } from 'node:crypto';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../core/index.js';
import { buildPublishPlan } from '../build-plan.js';
import type { AcceptedFix } from '../plan-input.js';
import { PublishPlan } from '../publish-plan.js';
import { acceptedFor, attemptFor, BASE, demoFindings, demoInput, demoRun, taskFor } from '../test-support.js';
import { FakeGitHub } from './fake-github/test-support.js';
import type { PublishResult } from './index.js';
import { publish } from './index.js';
import { API, octokit } from './test-support.js';

/*
 * The issue's scale case: a plan with 120 annotations, 30 findings and 5 fix PRs, made by the
 * real plan builder and carried out against a stateful fake GitHub whose git objects real git makes.
 */

const KINDS = ['test_failure', 'test_error', 'flaky_test', 'collection_error', 'coverage_gap'] as const;
const SEVERITIES = ['blocker', 'high', 'medium', 'low'] as const;
const fixed = (i: number) => `def f():\n    return ${i}  # fixed by ATQOS\n`;

function thirtyFindings(): Finding[] {
  const [base] = demoFindings() as [Finding];
  return Array.from({ length: 30 }, (_, i) => ({
    ...base,
    kind: KINDS[i % KINDS.length] as Finding['kind'],
    severity: SEVERITIES[i % SEVERITIES.length] as Finding['severity'],
    fingerprint: createHash('sha1').update(`finding-${i}`).digest('hex'),
    title: `finding ${i}`,
    scope: { ...base.scope, file: `src/pkg${i % 3}/mod_${i}.py`, line: i + 1, nodeId: `tests/test_mod.py::test_${i}` },
  }));
}

function fixFor(f: Finding, i: number): { task: ReturnType<typeof taskFor>; fix: AcceptedFix } {
  const task = taskFor(f);
  const fix = acceptedFor(task);
  return { task, fix: { ...fix, files: [{ action: 'write', path: `src/pkg${i % 3}/mod_${i}.py`, contentBase64: Buffer.from(fixed(i)).toString('base64'), mode: '100644' }] } };
}

/** The plan of a run over `findings` with fixes for the first `fixes` of them; 120 annotations (four lines per finding). */
function planFor(runId: string, findings: Finding[], opts: { fixes: number; gone?: Finding[] }): PublishPlan {
  const fixes = findings.slice(0, opts.fixes).map(fixFor);
  const plan = buildPublishPlan(demoInput({
    run: demoRun({ id: runId, findingCount: findings.length }), findings, gone: opts.gone ?? [],
    tasks: fixes.map((x) => x.task), attempts: fixes.map((x) => attemptFor(x.task, 1, 'accepted')), accepted: fixes.map((x) => x.fix),
  }));
  const [check] = plan.checkRuns;
  const one = check?.annotations ?? [];
  const annotations = one.flatMap((a) => [0, 1, 2, 3].map((k) => ({ ...a, start_line: a.start_line + k * 100, end_line: a.end_line + k * 100 })));
  return PublishPlan.parse({ ...plan, checkRuns: [{ ...check, annotations }] });
}

const findings = thirtyFindings();
const gh = new FakeGitHub(API, 'acme', 'shop');
gh.git.seedCommit(BASE, Object.fromEntries([['README.md', '# shop\n'], ...findings.map((_, i) => [`src/pkg${i % 3}/mod_${i}.py`, `def f():\n    return -${i}\n`])]));
const first = planFor('run-1', findings, { fixes: 5 });

beforeAll(() => {
  nock.disableNetConnect();
  gh.listen();
});
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const findingIssues = () => [...gh.issues.values()].filter((i) => !i.pull && i.body.includes('<!-- atqos:finding='));
const ok = (result: PublishResult) => expect({ ok: result.ok, errors: result.errors, unknown: gh.unknown }).toEqual({ ok: true, errors: [], unknown: [] });

describe('publishing 120 annotations, 30 findings and 5 fix PRs', () => {
  it('the plan is what the issue asks for', () => {
    expect(first.checkRuns[0]?.annotations).toHaveLength(120);
    expect(first.issues.filter((i) => i.state === 'open')).toHaveLength(30);
    expect(first.pullRequests).toHaveLength(5);
  });

  it('creates the check run in 3 requests (50/50/20), 30 issues, 5 PRs on their branches, and the dashboard', async () => {
    const result = await publish(first, octokit(), { paceMs: 0 });
    ok(result);
    const [check, ...others] = gh.checkRuns.values();
    expect(others).toEqual([]);
    expect(check?.requests).toEqual([50, 50, 20]);
    expect(check?.annotations).toEqual(first.checkRuns[0]?.annotations);
    expect(check).toMatchObject({ name: 'ATQOS / nightly', conclusion: 'failure', status: 'completed' });

    const issues = findingIssues();
    expect(issues).toHaveLength(30);
    expect(new Set(issues.map((i) => i.body.match(/atqos:finding=(\w+)/)?.[1]))).toEqual(new Set(findings.map((f) => f.fingerprint)));
    const byFp = new Map(issues.map((i) => [i.body.match(/atqos:finding=(\w+)/)?.[1], i]));
    const sample = byFp.get(findings[7]?.fingerprint);
    expect(sample?.labels).toEqual(['atqos', `atqos:${findings[7]?.kind}`, `severity:${findings[7]?.severity}`]);
    expect([...gh.issues.values()].filter((i) => i.body.includes('<!-- atqos:dashboard -->'))).toHaveLength(1);

    const pulls = gh.pulls();
    expect(pulls).toHaveLength(5);
    for (const [i, f] of findings.slice(0, 5).entries()) {
      const branch = `atqos/fix/${f.fingerprint.slice(0, 12)}`;
      const pull = pulls.find((p) => p.pull?.head === branch);
      expect(pull?.pull?.base).toBe('main');
      expect(pull?.labels).toEqual(expect.arrayContaining(['atqos', 'auto-fix', 'needs-review']));
      expect(pull?.body).toContain(`Fixes #${byFp.get(f.fingerprint)?.number}`);
      const commit = gh.git.commits.get(gh.git.refs.get(`heads/${branch}`) ?? '');
      expect(commit?.parents).toEqual([BASE]);
      const files = gh.git.files(commit?.tree ?? '');
      expect(files[`src/pkg${i % 3}/mod_${i}.py`]).toBe(fixed(i).trimEnd());
      expect(files['src/pkg0/mod_6.py']).toBe('def f():\n    return -6');
      expect(Object.keys(files)).toHaveLength(31);
    }
    expect(result.actions.filter((a) => a.action === 'created').map((a) => a.kind).sort()).toEqual([
      ...Array(1).fill('check_run'), ...Array(1).fill('dashboard'), ...Array(30).fill('issue'), 'label', 'label', 'label', 'label', 'label', 'label', 'label', 'label', 'label', 'label', 'label', 'label', ...Array(5).fill('branch'), ...Array(5).fill('pull_request'),
    ].sort());
  });

  it('publishing the same plan again makes only GET requests and creates nothing', async () => {
    const from = gh.requests.length;
    const counts = [gh.issues.size, gh.checkRuns.size, gh.git.commits.size, gh.labels.length];
    const result = await publish(first, octokit(), { paceMs: 0 });
    ok(result);
    expect(new Set(gh.since(from).map((r) => r.split(' ')[0]))).toEqual(new Set(['GET']));
    expect(result.actions.filter((a) => a.action !== 'unchanged')).toEqual([]);
    expect([gh.issues.size, gh.checkRuns.size, gh.git.commits.size, gh.labels.length]).toEqual(counts);
  });

  it('a later run where 10 findings are gone closes exactly their issues, each with one comment, and touches no PR', async () => {
    const gone = findings.slice(20);
    const third = planFor('run-3', findings.slice(0, 20), { fixes: 0, gone });
    expect(third.issues.filter((i) => i.state === 'closed')).toHaveLength(10);
    const pullsBefore = JSON.stringify(gh.pulls());
    const issuesBefore = gh.issues.size;
    const from = gh.requests.length;

    const result = await publish(third, octokit(), { paceMs: 0 });

    ok(result);
    const goneFps = new Set(gone.map((f) => f.fingerprint));
    const closed = findingIssues().filter((i) => i.state === 'closed');
    expect(closed.map((i) => i.body.match(/atqos:finding=(\w+)/)?.[1]).sort()).toEqual([...goneFps].sort());
    for (const issue of closed) {
      expect(issue.comments).toHaveLength(1);
      expect(issue.comments[0]).toContain('No longer seen in run `run-3`');
    }
    expect(findingIssues().filter((i) => i.state === 'open' && i.comments.length === 0)).toHaveLength(20);
    expect(gh.issues.size).toBe(issuesBefore);
    expect(JSON.stringify(gh.pulls())).toBe(pullsBefore);
    const writes = gh.since(from).filter((r) => !r.startsWith('GET'));
    expect(writes.filter((r) => r.startsWith('POST') && r.endsWith('/comments'))).toHaveLength(10);
    expect(result.actions.filter((a) => a.action === 'closed')).toHaveLength(10);

    const again = gh.requests.length;
    ok(await publish(third, octokit(), { paceMs: 0 }));
    expect(new Set(gh.since(again).map((r) => r.split(' ')[0]))).toEqual(new Set(['GET']));
  });
});
