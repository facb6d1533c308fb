import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gitBlobSha } from './git-objects.js';
import { publish } from './index.js';
import {
  ALL_LABELS, API, BASE_SHA, BRANCH, FIXED_TEST, R, REF_PATH, ghIssue, ghPull, gitFixture, octokit, planFixture,
} from './test-support.js';

type Body = Record<string, unknown>;
const NEW_COMMIT = 'd'.repeat(40);
const OLD_COMMIT = 'e'.repeat(40);
const OTHER_BRANCH = 'atqos/slow/bbbbbbbbbbbb';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

const git = gitFixture();
const basePr = fixturePr();

function fixturePr() {
  const pr = planFixture().pullRequests?.[0];
  if (!pr) throw new Error('fixture plan has no pull request');
  return pr;
}

function prsOnly(pullRequests = [basePr], limits?: { maxOpenPullRequests: number; maxNewPullRequestsPerRun: number }) {
  return planFixture({ checkRuns: [], issues: [], dashboard: undefined, pullRequests, ...(limits ? { limits } : {}) });
}

function listing(issues: unknown[] = []) {
  return nock(API)
    .get(`${R}/labels`).query(true).reply(200, ALL_LABELS)
    .get(`${R}/issues`).query({ labels: 'atqos', state: 'all', per_page: '100' }).reply(200, issues);
}

function pullsFor(scope: nock.Scope, branch: string, pulls: unknown[]): nock.Scope {
  return scope.get(`${R}/pulls`).query({ head: `acme:${branch}`, state: 'all', per_page: '100' }).reply(200, pulls);
}

/** The reads that compute the fix's tree from the base commit. */
function baseReads(scope: nock.Scope): nock.Scope {
  return scope
    .get(`${R}/git/commits/${BASE_SHA}`).reply(200, { sha: BASE_SHA, tree: { sha: git.baseTree }, parents: [] })
    .get(/\/git\/trees\/[0-9a-f]{40}$/).times(2).reply(200, (uri) => git.lsTree(uri.split('/').pop() ?? ''));
}

/** The writes that make the fix commit. */
function commitWrites(scope: nock.Scope): nock.Scope {
  return scope
    .post(`${R}/git/blobs`).reply(201, { sha: gitBlobSha(Buffer.from(FIXED_TEST)) })
    .post(`${R}/git/trees`).reply(201, () => git.lsTree(git.fixTree))
    .post(`${R}/git/commits`).reply(201, { sha: NEW_COMMIT, tree: { sha: git.fixTree }, parents: [{ sha: BASE_SHA }] });
}

describe('fix pull requests', () => {
  it('leaves a PR a maintainer closed without merging closed, and does not touch its branch', async () => {
    const scope = pullsFor(listing(), BRANCH, [ghPull(14, { title: 'Fix flaky test_api', body: 'x', state: 'closed' })]);

    const result = await publish(prsOnly(), octokit(), { paceMs: 0 });

    expect(scope.isDone()).toBe(true);
    expect(result.ok).toBe(true);
    expect(result.actions.filter((a) => a.kind === 'branch')).toEqual([]);
    expect(result.actions.find((a) => a.kind === 'pull_request')).toEqual({
      kind: 'pull_request', key: BRANCH, action: 'skipped', number: 14, url: 'https://github.com/acme/widgets/pull/14',
      reason: 'closed without merging by a maintainer; not reopened',
    });
  });

  it('skips a merged PR', async () => {
    const scope = pullsFor(listing(), BRANCH, [ghPull(14, { title: 'Fix', body: 'x', state: 'closed', merged: true })]);
    const result = await publish(prsOnly(), octokit(), { paceMs: 0 });
    expect(scope.isDone()).toBe(true);
    expect(result.actions.find((a) => a.kind === 'pull_request')).toMatchObject({ action: 'skipped', reason: 'already merged' });
  });

  it('opens no PR beyond maxOpenPullRequests (open ATQOS PRs counted from the listing)', async () => {
    const open = [21, 22].map((n) => ghIssue(n, { title: 'Fix', body: 'x', pr: true }));
    const scope = pullsFor(listing([...open, ghIssue(23, { title: 'Old', body: 'x', pr: true, state: 'closed' })]), BRANCH, []);

    const result = await publish(prsOnly(undefined, { maxOpenPullRequests: 2, maxNewPullRequestsPerRun: 5 }), octokit(), { paceMs: 0 });

    expect(scope.isDone()).toBe(true);
    expect(result.actions.find((a) => a.kind === 'pull_request')).toMatchObject({
      action: 'skipped', reason: '2 ATQOS pull requests are open (limits.maxOpenPullRequests = 2)',
    });
  });

  it('opens at most maxNewPullRequestsPerRun new PRs', async () => {
    const second = { ...basePr, taskId: 'task-2', branch: OTHER_BRANCH };
    let scope = pullsFor(listing(), BRANCH, []);
    scope = commitWrites(baseReads(scope).get(REF_PATH).reply(404, { message: 'Not Found' }))
      .post(`${R}/git/refs`).reply(201, { ref: `refs/heads/${BRANCH}`, object: { sha: NEW_COMMIT } })
      .post(`${R}/pulls`).reply(201, ghPull(14, { title: 'Fix flaky test_api', body: 'x' }))
      .post(`${R}/issues/14/labels`).reply(200, ALL_LABELS);
    pullsFor(scope, OTHER_BRANCH, []);

    const result = await publish(prsOnly([basePr, second], { maxOpenPullRequests: 10, maxNewPullRequestsPerRun: 1 }), octokit(), { paceMs: 0 });

    expect(result.errors).toEqual([]);
    expect(scope.isDone()).toBe(true);
    expect(result.actions.filter((a) => a.kind === 'pull_request').map((a) => [a.key, a.action, a.reason])).toEqual([
      [BRANCH, 'created', undefined],
      [OTHER_BRANCH, 'skipped', '1 new pull requests this run (limits.maxNewPullRequestsPerRun = 1)'],
    ]);
  });

  it('force-moves the branch when its tree differs and updates only the changed PR fields', async () => {
    const sent: Record<string, Body> = {};
    const pr = ghPull(14, { title: 'Old title', body: basePr.body, labels: ['atqos', 'atqos:fix'] });
    let scope = pullsFor(listing([ghIssue(14, { title: 'Old title', body: basePr.body, pr: true })]), BRANCH, [pr]);
    scope = commitWrites(baseReads(scope)
      .get(REF_PATH).reply(200, { ref: `refs/heads/${BRANCH}`, object: { sha: OLD_COMMIT, type: 'commit' } })
      .get(`${R}/git/commits/${OLD_COMMIT}`).reply(200, { sha: OLD_COMMIT, tree: { sha: git.baseTree }, parents: [{ sha: BASE_SHA }] }))
      .patch(`${R}/git/refs/${encodeURIComponent(`heads/${BRANCH}`)}`, (b) => ((sent.ref = b), true)).reply(200, { object: { sha: NEW_COMMIT } })
      .patch(`${R}/pulls/14`, (b) => ((sent.pull = b), true)).reply(200, pr);

    const result = await publish(prsOnly(), octokit(), { paceMs: 0 });

    expect(result.errors).toEqual([]);
    expect(scope.isDone()).toBe(true);
    expect(sent.ref).toEqual({ sha: NEW_COMMIT, force: true });
    expect(sent.pull).toEqual({ title: 'Fix flaky test_api' });
    expect(result.actions.map((a) => `${a.kind}:${a.action}`)).toContain('branch:updated');
    expect(result.actions.find((a) => a.kind === 'pull_request')).toMatchObject({ action: 'updated', reason: 'changed: title', number: 14 });
  });
});
