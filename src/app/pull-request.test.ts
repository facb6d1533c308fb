import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.js';
import { API, collectUnmatched, example, mockInstallationToken, sendWebhook, startTestServer } from './test-support.js';

const R = '/repos/Codertocat/Hello-World';
type Body = Record<string, unknown>;
const event = (action: string) => example('pull_request', (p) => p.action === action && p.installation);

let unmatched: ReturnType<typeof collectUnmatched>;
let server: RunningServer | undefined;
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());
beforeEach(() => {
  unmatched = collectUnmatched();
});
afterEach(async () => {
  await server?.close();
  unmatched.stop();
  nock.cleanAll();
});

describe('pull_request opened/synchronize/reopened: the PR lane', () => {
  for (const action of ['opened', 'synchronize', 'reopened']) {
    it(`${action}: a queued "ATQOS / pr" check on the head SHA, then exactly one diagnose dispatch on lane pr`, async () => {
      server = await startTestServer();
      const payload = event(action);
      const sent: Record<string, Body> = {};
      const scope = mockInstallationToken(nock(API))
        .post(`${R}/check-runs`, (b) => ((sent.check = b), true)).reply(201, { id: 55, status: 'queued' })
        .post(`${R}/actions/workflows/atqos.yml/dispatches`, (b) => ((sent.dispatch = b), true)).reply(204);

      expect((await sendWebhook(server, 'pull_request', payload)).status).toBe(200);
      expect(scope.pendingMocks()).toEqual([]);
      expect(unmatched.list).toEqual([]);
      const sha = payload.pull_request.head.sha as string;
      expect(sent.check).toMatchObject({ name: 'ATQOS / pr', head_sha: sha, status: 'queued', external_id: expect.stringMatching(/^[0-9a-f]{12}$/) });
      expect(sent.dispatch).toEqual({
        ref: payload.repository.default_branch,
        inputs: { command: 'diagnose', lane: 'pr', pr: String(payload.number), sha, request: `${String(sent.check?.external_id)}@${sha}` },
      });
    });
  }

  it('a failed dispatch completes the queued check as neutral, saying why, instead of leaving it queued', async () => {
    server = await startTestServer();
    let update: Body | undefined;
    const scope = mockInstallationToken(nock(API))
      .post(`${R}/check-runs`).reply(201, { id: 55 })
      .post(`${R}/actions/workflows/atqos.yml/dispatches`).reply(422, { message: 'Workflow does not have workflow_dispatch trigger' })
      .patch(`${R}/check-runs/55`, (b) => ((update = b), true)).reply(200, { id: 55 });
    expect((await sendWebhook(server, 'pull_request', event('opened'))).status).toBe(200);
    expect(scope.pendingMocks()).toEqual([]);
    expect(update).toMatchObject({ status: 'completed', conclusion: 'neutral', output: { title: 'ATQOS could not start' } });
  });

  it('turned off (autoDiagnosePullRequests: false): no API call at all', async () => {
    server = await startTestServer({ autoDiagnosePullRequests: false });
    expect((await sendWebhook(server, 'pull_request', event('opened'))).status).toBe(200);
    expect(unmatched.list).toEqual([]);
  });

  it('never for a fork, and not for other actions (closed, labeled)', async () => {
    server = await startTestServer();
    const fork = event('opened');
    fork.pull_request.head.repo.full_name = 'evil/Hello-World';
    for (const payload of [fork, event('closed'), event('labeled')]) {
      expect((await sendWebhook(server, 'pull_request', payload)).status).toBe(200);
    }
    expect(unmatched.list).toEqual([]);
  });
});
