import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { publish } from './index.js';
import { ALL_LABELS, API, FP1, FP2, R, ghIssue, octokit, planFixture, recordingSleep } from './test-support.js';

type Body = Record<string, unknown>;

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

const body1 = `Sleeps.\n\n<!-- atqos:finding=${FP1} -->`;
const body2 = `Fails.\n\n<!-- atqos:finding=${FP2} -->`;

function issuesOnly(issues: ReturnType<typeof planFixture>['issues']) {
  return planFixture({ checkRuns: [], pullRequests: [], dashboard: undefined, issues });
}

function listing(items: unknown[]) {
  return nock(API)
    .get(`${R}/labels`).query(true).reply(200, ALL_LABELS)
    .get(`${R}/issues`).query({ labels: 'atqos', state: 'all', per_page: '100' }).reply(200, items);
}

describe('issues per finding', () => {
  it('closes an open issue with a comment when its finding is gone, and leaves missing ones alone', async () => {
    const sent: Body[] = [];
    const scope = listing([ghIssue(11, { title: 'Flaky: test_api', body: body1, labels: ['atqos', 'flaky'] })])
      .post(`${R}/issues/11/comments`, (b) => (sent.push(b), true)).reply(201, { id: 1, body: 'Gone.' })
      .patch(`${R}/issues/11`, (b) => (sent.push(b), true)).reply(200, ghIssue(11, { title: 'Flaky: test_api', body: body1, state: 'closed' }));
    const plan = issuesOnly([
      { fingerprint: FP1, state: 'closed', title: 'Flaky: test_api', body: body1, kind: 'flaky_test', severity: 'medium', closeComment: 'Gone.' },
      { fingerprint: FP2, state: 'closed', title: 'Failing: test_math', body: body2, kind: 'test_failure', severity: 'low', closeComment: 'Gone.' },
    ]);

    const result = await publish(plan, octokit(), { paceMs: 0 });

    expect(result.errors).toEqual([]);
    expect(scope.isDone()).toBe(true);
    expect(sent).toEqual([{ body: 'Gone.' }, { state: 'closed', state_reason: 'completed' }]);
    expect(result.actions.filter((a) => a.kind === 'issue')).toEqual([
      { kind: 'issue', key: FP1, action: 'closed', number: 11, url: 'https://github.com/acme/widgets/issues/11' },
      { kind: 'issue', key: FP2, action: 'unchanged', reason: 'no issue to close' },
    ]);
  });

  it('reopens a closed issue with a comment when its finding recurs', async () => {
    const sent: string[] = [];
    const scope = listing([ghIssue(11, { title: 'Flaky: test_api', body: body1, labels: ['atqos', 'flaky'], state: 'closed' })])
      .patch(`${R}/issues/11`, (b) => (sent.push(`PATCH ${JSON.stringify(b)}`), true)).reply(200, ghIssue(11, { title: 'Flaky: test_api', body: body1 }))
      .post(`${R}/issues/11/comments`, (b) => (sent.push(`COMMENT ${b.body}`), true)).reply(201, { id: 2 });
    const plan = issuesOnly([{ fingerprint: FP1, state: 'open', title: 'Flaky: test_api', body: body1, labels: ['flaky'], kind: 'flaky_test', severity: 'medium', reopenComment: 'It is back.' }]);

    const result = await publish(plan, octokit(), { paceMs: 0 });

    expect(scope.isDone()).toBe(true);
    expect(sent).toEqual(['PATCH {"state":"open"}', 'COMMENT It is back.']);
    expect(result.actions.find((a) => a.kind === 'issue')).toMatchObject({ action: 'reopened', number: 11 });
  });

  it('updates only what changed and keeps labels a maintainer added', async () => {
    const sent: Body[] = [];
    const scope = listing([ghIssue(11, { title: 'Old title', body: body1, labels: ['atqos', 'flaky', 'priority:high'] })])
      .patch(`${R}/issues/11`, (b) => (sent.push(b), true)).reply(200, ghIssue(11, { title: 'Flaky: test_api', body: body1 }));
    const plan = issuesOnly([{ fingerprint: FP1, state: 'open', title: 'Flaky: test_api', body: body1, labels: ['flaky'], kind: 'flaky_test', severity: 'medium' }]);

    const result = await publish(plan, octokit(), { paceMs: 0 });

    expect(scope.isDone()).toBe(true);
    expect(sent).toEqual([{ title: 'Flaky: test_api' }]);
    expect(result.actions.find((a) => a.kind === 'issue')).toMatchObject({ action: 'updated', reason: 'changed: title' });
  });

  it('reports a 422 on one issue without retrying it, and still publishes the others', async () => {
    const { sleep, waits } = recordingSleep();
    const scope = listing([])
      .post(`${R}/issues`, (b) => b.title === 'Flaky: test_api')
      .reply(422, { message: 'Validation Failed', errors: [{ resource: 'Issue', code: 'invalid', field: 'title' }], documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue' })
      .post(`${R}/issues`, (b) => b.title === 'Failing: test_math').reply(201, ghIssue(12, { title: 'Failing: test_math', body: body2 }));
    const plan = issuesOnly([
      { fingerprint: FP1, state: 'open', title: 'Flaky: test_api', body: body1, kind: 'flaky_test', severity: 'medium' },
      { fingerprint: FP2, state: 'open', title: 'Failing: test_math', body: body2, kind: 'test_failure', severity: 'low' },
    ]);

    const result = await publish(plan, octokit(), { paceMs: 0, sleep });

    expect(scope.isDone()).toBe(true);
    expect(waits).toEqual([]);
    expect(result.ok).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ kind: 'issue', key: FP1, status: 422 });
    expect(result.errors[0]?.message).toMatch(/POST \/repos\/\{owner\}\/\{repo\}\/issues failed \(422\): Validation Failed.*"field":"title"/);
    expect(result.actions.find((a) => a.key === FP2)).toMatchObject({ action: 'created', number: 12 });
  });

  it('adds the marker to a body that lacks it, so the issue is found next time', async () => {
    const sent: Body[] = [];
    const scope = listing([]).post(`${R}/issues`, (b) => (sent.push(b), true)).reply(201, ghIssue(11, { title: 't', body: 'x' }));
    const plan = issuesOnly([{ fingerprint: FP1, state: 'open', title: 'Flaky: test_api', body: 'No marker here.', kind: 'flaky_test', severity: 'medium' }]);

    await publish(plan, octokit(), { paceMs: 0 });

    expect(scope.isDone()).toBe(true);
    expect(sent[0]?.body).toBe(`No marker here.\n\n<!-- atqos:finding=${FP1} -->`);
  });
});
