import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { publish } from './index.js';
import { API, FP1, R, ghIssue, octokit, planFixture } from './test-support.js';

type Body = Record<string, unknown>;

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

const dashboardOnly = () => planFixture({ checkRuns: [], issues: [], pullRequests: [] });
const body = '<!-- atqos:dashboard -->\n\n| finding | state |';

describe('dashboard issue', () => {
  it('reopens a dashboard someone closed, found by its marker among the finding issues', async () => {
    const sent: Body[] = [];
    const scope = nock(API)
      .get(`${R}/labels`).query(true).reply(200, [{ name: 'atqos' }])
      .get(`${R}/issues`).query(true).reply(200, [
        ghIssue(5, { title: 'Flaky', body: `x <!-- atqos:finding=${FP1} -->` }),
        ghIssue(9, { title: 'ATQOS dashboard', body, state: 'closed' }),
      ])
      .patch(`${R}/issues/9`, (b) => (sent.push(b), true)).reply(200, ghIssue(9, { title: 'ATQOS dashboard', body }));

    const result = await publish(dashboardOnly(), octokit(), { paceMs: 0 });

    expect(scope.isDone()).toBe(true);
    expect(sent).toEqual([{ state: 'open' }]);
    expect(result.actions.find((a) => a.kind === 'dashboard')).toMatchObject({ action: 'reopened', number: 9 });
  });

  it('updates the body only when it changed', async () => {
    const sent: Body[] = [];
    const scope = nock(API)
      .get(`${R}/labels`).query(true).reply(200, [{ name: 'atqos' }])
      .get(`${R}/issues`).query(true).reply(200, [ghIssue(9, { title: 'ATQOS dashboard', body: '<!-- atqos:dashboard -->\n\nold' })])
      .patch(`${R}/issues/9`, (b) => (sent.push(b), true)).reply(200, ghIssue(9, { title: 'ATQOS dashboard', body }));

    const result = await publish(dashboardOnly(), octokit(), { paceMs: 0 });

    expect(scope.isDone()).toBe(true);
    expect(sent).toEqual([{ body }]);
    expect(result.actions.find((a) => a.kind === 'dashboard')).toMatchObject({ action: 'updated' });
  });
});
