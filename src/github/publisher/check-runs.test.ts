import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { publish } from './index.js';
import { API, HEAD_SHA, R, ghCheckRun, octokit, planFixture } from './test-support.js';

type Body = Record<string, unknown>;

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

function checkPlan(annotations: number) {
  const plan = planFixture({ issues: [], pullRequests: [], dashboard: undefined });
  const check = plan.checkRuns?.[0];
  if (!check) throw new Error('fixture plan has no check run');
  return { ...plan, checkRuns: [{ ...check, annotations: check.annotations?.slice(0, annotations) }] };
}

function existing(run: ReturnType<typeof ghCheckRun>) {
  return nock(API)
    .get(`${R}/labels`).query(true).reply(200, [{ name: 'atqos' }])
    .get(`${R}/commits/${HEAD_SHA}/check-runs`).query({ check_name: 'ATQOS', filter: 'latest' }).reply(200, { total_count: 1, check_runs: [run] })
    .get(`${R}/issues`).query(true).reply(200, []);
}

describe('check runs', () => {
  it('updates a run without annotations in place', async () => {
    const sent: Body[] = [];
    const scope = existing(ghCheckRun(77, { name: 'ATQOS', title: '2 findings', summary: 'Old summary.', annotations: 0 }))
      .patch(`${R}/check-runs/77`, (b) => (sent.push(b), true)).reply(200, ghCheckRun(77, { name: 'ATQOS', title: '2 findings', summary: 'Two problems.', annotations: 3 }));

    const result = await publish(checkPlan(3), octokit(), { paceMs: 0 });

    expect(result.errors).toEqual([]);
    expect(scope.isDone()).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ name: 'ATQOS', status: 'completed', output: { summary: 'Two problems.' } });
    expect((sent[0]?.output as { annotations: unknown[] }).annotations).toHaveLength(3);
    expect(result.actions.find((a) => a.kind === 'check_run')).toMatchObject({ action: 'updated', number: 77 });
  });

  it('supersedes a run that already has annotations instead of appending duplicates', async () => {
    const sent: Body[] = [];
    const scope = existing(ghCheckRun(77, { name: 'ATQOS', title: '2 findings', summary: 'Two problems.', annotations: 5 }))
      .post(`${R}/check-runs`, (b) => (sent.push(b), true)).reply(201, ghCheckRun(78, { name: 'ATQOS', title: '2 findings', summary: 'Two problems.', annotations: 3 }));

    const result = await publish(checkPlan(3), octokit(), { paceMs: 0 });

    expect(scope.isDone()).toBe(true);
    expect(sent[0]).toMatchObject({ head_sha: HEAD_SHA, name: 'ATQOS' });
    expect(result.actions.find((a) => a.kind === 'check_run')).toMatchObject({
      action: 'created', number: 78, reason: 'supersedes check run 77; 1 request, 3 annotations',
    });
  });
});
