import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf } from '../../core/test-support.js';
import { publish } from './index.js';
import { MAX_WAIT_MS, transientWait } from './request.js';
import { API, FP1, FP2, R, ghIssue, octokit, planFixture, recordingSleep } from './test-support.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

const labelsOnly = () => planFixture({ checkRuns: [], issues: [], pullRequests: [], dashboard: undefined });
const issuesOnly = () => planFixture({ checkRuns: [], pullRequests: [], dashboard: undefined });
const atqosLabel = [{ id: 1, name: 'atqos', color: '5319e7' }];

describe('retries, rate limits and pacing', () => {
  it('retries a 502 and succeeds', async () => {
    const { sleep, waits } = recordingSleep();
    const scope = nock(API)
      .get(`${R}/labels`).query(true).reply(502, 'Bad Gateway')
      .get(`${R}/labels`).query(true).reply(200, atqosLabel)
      .get(`${R}/issues`).query(true).reply(200, []);

    const result = await publish(labelsOnly(), octokit(), { sleep });

    expect(scope.isDone()).toBe(true);
    expect(result.errors).toEqual([]);
    expect(waits).toEqual([1000]);
    expect(result.actions).toEqual([{ kind: 'label', key: 'atqos', action: 'unchanged' }]);
  });

  it('waits out a secondary rate limit for the retry-after it was given, then succeeds', async () => {
    const { sleep, waits } = recordingSleep();
    const scope = nock(API)
      .get(`${R}/labels`).query(true).reply(200, [{ name: 'atqos' }, { name: 'flaky' }])
      .get(`${R}/issues`).query(true).reply(200, [])
      .post(`${R}/issues`).reply(403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, { 'retry-after': '42' })
      .post(`${R}/issues`).times(2).reply(201, (_u, b) => ghIssue(11, b as { title: string; body: string }));

    const result = await publish(issuesOnly(), octokit(), { sleep, paceMs: 0 });

    expect(scope.isDone()).toBe(true);
    expect(result.errors).toEqual([]);
    expect(waits).toEqual([42_000]);
    expect(result.actions.filter((a) => a.action === 'created').map((a) => a.key)).toEqual([FP1, FP2]);
  });

  it('gives up after `retries` and reports the object as failed, transient', async () => {
    const { sleep, waits } = recordingSleep();
    const scope = nock(API)
      .get(`${R}/labels`).query(true).reply(200, [{ name: 'atqos' }, { name: 'flaky' }])
      .get(`${R}/issues`).query(true).times(3).reply(500, { message: 'Server Error' });

    const result = await publish(issuesOnly(), octokit(), { sleep, retries: 2 });

    expect(scope.isDone()).toBe(true);
    expect(waits).toEqual([1000, 2000]);
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => [e.kind, e.key, e.status])).toEqual([['issue', FP1, 500], ['issue', FP2, 500]]);
    expect(result.errors[0]?.message).toMatch(/could not list the existing ATQOS issues.*\(500\): Server Error/);
    expect(result.errors[0]?.message).toMatch(/hint: GitHub is unavailable or rate-limiting; publish again later/);
  });

  it('paces writes paceMs apart through the injected sleep', async () => {
    const { sleep, waits } = recordingSleep();
    nock(API)
      .get(`${R}/labels`).query(true).reply(200, [])
      .post(`${R}/labels`).times(2).reply(201, {})
      .get(`${R}/issues`).query(true).reply(200, [])
      .post(`${R}/issues`).times(2).reply(201, (_u, b) => ghIssue(11, b as { title: string; body: string }));

    const result = await publish(issuesOnly(), octokit(), { sleep, paceMs: 1000 });

    expect(result.errors).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
    // Four writes: three waits between them, each at most the pace.
    expect(waits).toHaveLength(3);
    expect(waits.every((ms) => ms > 0 && ms <= 1000)).toBe(true);
  });

  it('waits until x-ratelimit-reset when the primary limit is used up, capped', () => {
    const now = 1_700_000_000_000;
    const limited = (reset: number) => ({ status: 403, response: { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) } } });
    expect(transientWait(limited(now / 1000 + 30), 0, now)).toBe(31_000);
    expect(transientWait(limited(now / 1000 + 7200), 0, now)).toBe(MAX_WAIT_MS);
    expect(transientWait({ status: 422 }, 0, now)).toBeUndefined();
    expect(transientWait({ status: 403, response: { headers: {} } }, 0, now)).toBeUndefined();
    expect(transientWait({ status: 503 }, 2, now)).toBe(4000);
  });

  it('refuses an invalid plan with a clear error before any request', async () => {
    const scope = nock(API).get(/.*/).reply(200, []);
    const bad = { ...planFixture(), issues: [{ fingerprint: 'not-hex', state: 'open', title: 't', body: 'b', kind: 'flaky_test', severity: 'medium' }] };

    const err = await rejectionOf(publish(bad as never, octokit()));

    expect(err.code).toBe('publish_plan_invalid');
    expect(err.message).toMatch(/issues\.0\.fingerprint/);
    expect(err.hint).toMatch(/rerun the lane/);
    expect(scope.isDone()).toBe(false);
  });
});

describe('labels', () => {
  it('treats a 422 already_exists (made meanwhile by someone else) as present', async () => {
    const scope = nock(API)
      .get(`${R}/labels`).query(true).reply(200, [])
      .post(`${R}/labels`, { name: 'atqos', color: '5319e7' })
      .reply(422, { message: 'Validation Failed', errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }] })
      .get(`${R}/issues`).query(true).reply(200, []);

    const result = await publish(labelsOnly(), octokit(), { paceMs: 0 });

    expect(scope.isDone()).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.actions).toEqual([{ kind: 'label', key: 'atqos', action: 'unchanged', reason: 'already exists' }]);
  });
});
