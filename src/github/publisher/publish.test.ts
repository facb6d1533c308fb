import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gitBlobSha } from './git-objects.js';
import { formatPublishResult, publish } from './index.js';
import type { PublishResult } from './index.js';
import {
  ALL_LABELS, API, BASE_SHA, BRANCH, FIXED_TEST, FP1, FP2, HEAD_SHA, R, REF_PATH,
  ghCheckRun, ghIssue, ghPull, gitFixture, octokit, planFixture,
} from './test-support.js';

type Body = Record<string, unknown>;
const COMMIT_SHA = 'c'.repeat(40);

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

/** The methods of every request the scope saw. */
function methodsOf(scope: nock.Scope): string[] {
  const methods: string[] = [];
  scope.on('request', (req: { method: string }) => methods.push(req.method));
  return methods;
}

describe('publish: first run, then the same plan again', () => {
  const git = gitFixture();
  const sent: Record<string, Body[]> = {};
  const capture = (name: string) => (body: Body) => ((sent[name] ??= []).push(body), true);
  let first: PublishResult;

  it('creates labels, the check run (annotations 50/50/20), issues, the fix branch, the PR and the dashboard', async () => {
    let nextIssue = 11;
    const scope = nock(API)
      .get(`${R}/labels`).query({ per_page: '100' }).reply(200, [ALL_LABELS[1]])
      .post(`${R}/labels`, capture('label')).times(2).reply(201, (_u, body) => ({ id: 9, ...(body as Body) }))
      .get(`${R}/commits/${HEAD_SHA}/check-runs`).query({ check_name: 'ATQOS', filter: 'latest' }).reply(200, { total_count: 0, check_runs: [] })
      .post(`${R}/check-runs`, capture('check')).reply(201, ghCheckRun(77, { name: 'ATQOS', title: '2 findings', summary: 'Two problems.', annotations: 50 }))
      .patch(`${R}/check-runs/77`, capture('check')).times(2).reply(200, ghCheckRun(77, { name: 'ATQOS', title: '2 findings', summary: 'Two problems.', annotations: 120 }))
      .get(`${R}/issues`).query({ labels: 'atqos', state: 'all', per_page: '100' }).reply(200, [])
      .post(`${R}/issues`, capture('issue')).times(3).reply(201, (_u, body) => ghIssue(nextIssue++, body as { title: string; body: string }))
      .get(`${R}/pulls`).query({ head: `acme:${BRANCH}`, state: 'all', per_page: '100' }).reply(200, [])
      .get(`${R}/git/commits/${BASE_SHA}`).reply(200, { sha: BASE_SHA, tree: { sha: git.baseTree }, parents: [], message: 'base' })
      .get(/\/git\/trees\/[0-9a-f]{40}$/).times(2).reply(200, (uri) => git.lsTree(uri.split('/').pop() ?? ''))
      .get(REF_PATH).reply(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/git/refs#get-a-reference' })
      .post(`${R}/git/blobs`, capture('blob')).reply(201, { sha: gitBlobSha(Buffer.from(FIXED_TEST)), url: `${API}${R}/git/blobs/x` })
      .post(`${R}/git/trees`, capture('tree')).reply(201, () => git.lsTree(git.fixTree))
      .post(`${R}/git/commits`, capture('commit')).reply(201, { sha: COMMIT_SHA, tree: { sha: git.fixTree }, parents: [{ sha: BASE_SHA }] })
      .post(`${R}/git/refs`, capture('ref')).reply(201, { ref: `refs/heads/${BRANCH}`, object: { sha: COMMIT_SHA, type: 'commit' } })
      .post(`${R}/pulls`, capture('pull')).reply(201, (_u, body) => ghPull(14, body as { title: string; body: string }))
      .post(`${R}/issues/14/labels`, capture('prLabels')).reply(200, [ALL_LABELS[0], ALL_LABELS[2]]);

    first = await publish(planFixture(), octokit(), { paceMs: 0 });

    expect(first.errors).toEqual([]);
    expect(first.ok).toBe(true);
    expect(scope.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
    expect(sent.label?.map((l) => l.name)).toEqual(['atqos', 'atqos:fix']);
    expect(sent.label?.every((l) => /^[0-9a-f]{6}$/.test(String(l.color)))).toBe(true);
    const check = sent.check ?? [];
    expect(check.map((b) => ((b.output as Body).annotations as unknown[]).length)).toEqual([50, 50, 20]);
    expect(check[0]).toMatchObject({ name: 'ATQOS', head_sha: HEAD_SHA, status: 'completed', conclusion: 'failure', actions: [{ identifier: 'fix' }] });
    expect(((check[2]?.output as Body).annotations as { start_line: number }[])[0]?.start_line).toBe(101);
    const [issue1, issue2, dashboard] = sent.issue ?? [];
    expect(issue1).toMatchObject({ title: 'Flaky: test_api', labels: ['atqos', 'flaky'] });
    expect(issue1?.body).toContain(`<!-- atqos:finding=${FP1} -->`);
    expect(issue2?.body).toContain(`<!-- atqos:finding=${FP2} -->`);
    expect(dashboard?.body).toContain('<!-- atqos:dashboard -->');
    expect(sent.blob?.[0]).toEqual({ content: Buffer.from(FIXED_TEST).toString('base64'), encoding: 'base64' });
    expect(sent.tree?.[0]).toEqual({ base_tree: git.baseTree, tree: [
      { path: 'tests/test_api.py', mode: '100644', type: 'blob', sha: gitBlobSha(Buffer.from(FIXED_TEST)) },
      { path: 'tests/old_helper.py', mode: '100644', type: 'blob', sha: null },
    ] });
    expect(sent.commit?.[0]).toMatchObject({ tree: git.fixTree, parents: [BASE_SHA] });
    expect(sent.ref?.[0]).toEqual({ ref: `refs/heads/${BRANCH}`, sha: COMMIT_SHA });
    expect(sent.pull?.[0]).toMatchObject({ head: BRANCH, base: 'main', draft: false });
    expect(String(sent.pull?.[0]?.body)).toMatch(/\n\nFixes #11$/);
    expect(sent.prLabels?.[0]).toEqual({ labels: ['atqos', 'atqos:fix'] });
    expect(first.actions.filter((a) => a.action === 'created').map((a) => `${a.kind}:${a.number ?? ''}`)).toEqual([
      'label:', 'label:', 'check_run:77', 'issue:11', 'issue:12', 'branch:', 'pull_request:14', 'dashboard:13',
    ]);
  });

  it('makes only GET requests when the same plan is published again', async () => {
    const [issue1, issue2, dashboard] = sent.issue ?? [];
    const asIssue = (n: number, body: Body | undefined) => ghIssue(n, { title: String(body?.title), body: String(body?.body), labels: body?.labels as string[] });
    const pull = ghPull(14, { title: String(sent.pull?.[0]?.title), body: String(sent.pull?.[0]?.body), labels: ['atqos', 'atqos:fix'] });
    const scope = nock(API)
      .get(`${R}/labels`).query({ per_page: '100' }).reply(200, ALL_LABELS)
      .get(`${R}/commits/${HEAD_SHA}/check-runs`).query(true).reply(200, { total_count: 1, check_runs: [ghCheckRun(77, { name: 'ATQOS', title: '2 findings', summary: 'Two problems.', annotations: 120 })] })
      .get(`${R}/issues`).query(true).reply(200, [asIssue(11, issue1), asIssue(12, issue2), asIssue(13, dashboard), ghIssue(14, { title: pull.title, body: pull.body, labels: ['atqos', 'atqos:fix'], pr: true })])
      .get(`${R}/pulls`).query(true).reply(200, [pull])
      .get(`${R}/git/commits/${BASE_SHA}`).reply(200, { sha: BASE_SHA, tree: { sha: git.baseTree }, parents: [] })
      .get(/\/git\/trees\/[0-9a-f]{40}$/).times(2).reply(200, (uri) => git.lsTree(uri.split('/').pop() ?? ''))
      .get(REF_PATH).reply(200, { ref: `refs/heads/${BRANCH}`, object: { sha: COMMIT_SHA, type: 'commit' } })
      .get(`${R}/git/commits/${COMMIT_SHA}`).reply(200, { sha: COMMIT_SHA, tree: { sha: git.fixTree }, parents: [{ sha: BASE_SHA }] });
    const methods = methodsOf(scope);

    const again = await publish(planFixture(), octokit(), { paceMs: 0 });

    expect(again.errors).toEqual([]);
    expect(scope.isDone()).toBe(true);
    expect(new Set(methods)).toEqual(new Set(['GET']));
    expect(again.actions.filter((a) => a.action !== 'unchanged')).toEqual([]);
    expect(again.actions.map((a) => a.kind)).toEqual(['label', 'label', 'label', 'check_run', 'issue', 'issue', 'branch', 'pull_request', 'dashboard']);
  });

  it('dry run of the first publish makes only GETs and lists what it would create', async () => {
    const scope = nock(API)
      .get(`${R}/labels`).query(true).reply(200, [])
      .get(`${R}/commits/${HEAD_SHA}/check-runs`).query(true).reply(200, { total_count: 0, check_runs: [] })
      .get(`${R}/issues`).query(true).reply(200, [])
      .get(`${R}/pulls`).query(true).reply(200, [])
      .get(`${R}/git/commits/${BASE_SHA}`).reply(200, { sha: BASE_SHA, tree: { sha: git.baseTree }, parents: [] })
      .get(/\/git\/trees\/[0-9a-f]{40}$/).times(2).reply(200, (uri) => git.lsTree(uri.split('/').pop() ?? ''))
      .get(REF_PATH).reply(404, { message: 'Not Found' });
    const methods = methodsOf(scope);
    const noMatch: string[] = [];
    nock.emitter.on('no match', (req: { method?: string; path?: string }) => noMatch.push(`${req.method} ${req.path}`));

    const dry = await publish(planFixture(), octokit(), { dryRun: true, paceMs: 0 });

    nock.emitter.removeAllListeners('no match');
    expect(noMatch).toEqual([]);
    expect(dry.errors).toEqual([]);
    expect(scope.isDone()).toBe(true);
    expect(new Set(methods)).toEqual(new Set(['GET']));
    expect(dry.dryRun).toBe(true);
    const created = dry.actions.filter((a) => a.action === 'created');
    expect(created.map((a) => a.kind)).toEqual(['label', 'label', 'label', 'check_run', 'issue', 'issue', 'branch', 'pull_request', 'dashboard']);
    expect(created.every((a) => a.dryRun === true && a.reason?.startsWith('dry run'))).toBe(true);
    expect(created.find((a) => a.kind === 'check_run')?.reason).toBe('dry run: 3 requests, 120 annotations');
    const text = formatPublishResult(dry);
    expect(text.split('\n')).toHaveLength(dry.actions.length + 1);
    expect(text).toMatch(/^created\s+issue\s+a1b2c3d4e5f60718 \(dry run\)$/m);
    expect(text).toMatch(/^dry run: 9 objects, ok$/m);
  });
});
