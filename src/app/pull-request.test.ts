import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from './server.js';
import { API, collectUnmatched, example, mockInstallationToken, sendWebhook, startTestServer } from './test-support.js';

const R = '/repos/Codertocat/Hello-World';
const opened = () => example('pull_request', (p) => p.action === 'opened' && p.installation);

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

describe('pull_request.opened', () => {
  it('does nothing by default', async () => {
    server = await startTestServer();
    expect((await sendWebhook(server, 'pull_request', opened())).status).toBe(200);
    expect(unmatched.list).toEqual([]);
  });

  it('with autoDiagnosePullRequests: dispatches diagnose on lane pr for the head SHA', async () => {
    server = await startTestServer({ autoDiagnosePullRequests: true });
    const payload = opened();
    let dispatch: unknown;
    const scope = mockInstallationToken(nock(API))
      .post(`${R}/actions/workflows/atqos.yml/dispatches`, (b) => ((dispatch = b), true)).reply(204);
    expect((await sendWebhook(server, 'pull_request', payload)).status).toBe(200);
    expect(scope.pendingMocks()).toEqual([]);
    expect(dispatch).toEqual({ ref: payload.repository.default_branch, inputs: { command: 'diagnose', lane: 'pr', pr: String(payload.number), sha: payload.pull_request.head.sha } });
  });

  it('with autoDiagnosePullRequests: never for a fork', async () => {
    server = await startTestServer({ autoDiagnosePullRequests: true });
    const payload = opened();
    payload.pull_request.head.repo.full_name = 'evil/Hello-World';
    expect((await sendWebhook(server, 'pull_request', payload)).status).toBe(200);
    expect(unmatched.list).toEqual([]);
  });
});
