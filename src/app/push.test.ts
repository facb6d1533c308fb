import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from './server.js';
import { API, deliveryId, example, mockAppSlug, mockInstallationToken, sendWebhook, useTestServer } from './test-support.js';
import type { Unmatched } from './test-support.js';

const R = '/repos/Codertocat/Hello-World';
const AFTER = '6113728f27ae82c7b1a177c8d03f9e96e0adf246';
type Body = Record<string, unknown>;

/** The real push to refs/heads/master (the default branch) with an installation. */
function push(edit: (p: Record<string, any>) => void = () => undefined) { // eslint-disable-line @typescript-eslint/no-explicit-any -- real payload, edited by field
  const payload = example('push', (p) => p.ref === 'refs/heads/master' && p.installation);
  edit(payload);
  return payload;
}

let server: RunningServer;
let unmatched: Unmatched;
useTestServer((s, u) => {
  server = s;
  unmatched = u;
});

describe('push', () => {
  it('to the default branch by a person: exactly one diagnose dispatch on lane health at `after`, redelivery ignored', async () => {
    const dispatched: Body[] = [];
    const scope = mockInstallationToken(nock(API))
      .post(`${R}/actions/workflows/atqos.yml/dispatches`, (b) => (dispatched.push(b), true)).reply(204);
    const id = deliveryId();
    expect((await sendWebhook(server, 'push', push(), { id })).status).toBe(200);
    expect((await sendWebhook(server, 'push', push(), { id })).status).toBe(200);
    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.list).toEqual([]);
    expect(dispatched).toEqual([{ ref: 'master', inputs: { command: 'diagnose', lane: 'health', pr: '', sha: AFTER, request: expect.stringMatching(/^[0-9a-f]{12}$/) } }]);
  });

  it('by the App itself (Bot with the App\'s exact login): no dispatch', async () => {
    const scope = mockAppSlug(nock(API), 'atqos');
    const own = push((p) => Object.assign(p.sender, { login: 'atqos[bot]', type: 'Bot' }));
    expect((await sendWebhook(server, 'push', own)).status).toBe(200);
    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.list).toEqual([]);
  });

  it('by another bot, or by a user named like the App: dispatched (the check is the exact App login and type)', async () => {
    const dispatched: Body[] = [];
    const scope = mockAppSlug(mockInstallationToken(nock(API)), 'atqos')
      .post(`${R}/actions/workflows/atqos.yml/dispatches`, (b) => (dispatched.push(b), true)).times(2).reply(204);
    await sendWebhook(server, 'push', push((p) => Object.assign(p.sender, { login: 'renovate[bot]', type: 'Bot' })));
    await sendWebhook(server, 'push', push((p) => Object.assign(p.sender, { login: 'atqos[bot]', type: 'User' })));
    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.list).toEqual([]);
    expect(dispatched).toHaveLength(2);
  });

  it('to another branch, a tag, or a branch deletion: nothing, without any API call', async () => {
    const payloads = [
      push((p) => (p.ref = 'refs/heads/feature')),
      example('push', (p) => p.ref === 'refs/tags/simple-tag' && p.installation),
      push((p) => Object.assign(p, { after: '0'.repeat(40), deleted: true })),
    ];
    for (const payload of payloads) expect((await sendWebhook(server, 'push', payload)).status).toBe(200);
    expect(unmatched.list).toEqual([]);
  });
});
