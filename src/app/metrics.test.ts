import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from './server.js';
import { API, deliveryId, example, mockInstallationToken, sendWebhook, sign, useTestServer } from './test-support.js';
import type { Unmatched } from './test-support.js';

const R = '/repos/Codertocat/Hello-World';
const push = () => example('push', (p) => p.ref === 'refs/heads/master' && p.installation);

let server: RunningServer;
let unmatched: Unmatched;
useTestServer((s, u) => {
  server = s;
  unmatched = u;
});

/** Scrapes /metrics over HTTP into `name{labels}` → value. */
async function scrape(): Promise<{ contentType: string | null; values: Map<string, number> }> {
  const response = await fetch(`${server.url}/metrics`);
  expect(response.status).toBe(200);
  const values = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    const m = /^(\S+) (\S+)$/.exec(line);
    if (m?.[1] && !line.startsWith('#')) values.set(m[1], Number(m[2]));
  }
  return { contentType: response.headers.get('content-type'), values };
}

describe('/metrics', () => {
  it('counts webhooks by event and outcome, dispatches, errors, and times every delivery', async () => {
    const scope = mockInstallationToken(nock(API))
      .post(`${R}/actions/workflows/atqos.yml/dispatches`).reply(204)
      .post(`${R}/actions/workflows/atqos.yml/dispatches`).reply(500, { message: 'boom' });
    const id = deliveryId();
    expect((await sendWebhook(server, 'push', push(), { id })).status).toBe(200);
    expect((await sendWebhook(server, 'push', push(), { id })).status).toBe(200);
    expect((await sendWebhook(server, 'push', push())).status).toBe(500);
    expect((await sendWebhook(server, 'push', push(), { signature: sign('{}') })).status).toBe(400);
    expect((await sendWebhook(server, 'made-up-event', { zen: 'x' }, { signature: sign('nope') })).status).toBe(400);
    expect((await sendWebhook(server, 'ping', { zen: 'Keep it logically awesome.', hook_id: 1 })).status).toBe(200);
    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.list).toEqual([]);

    const { contentType, values } = await scrape();
    expect(contentType).toContain('text/plain; version=0.0.4');
    expect(values.get('atqos_webhooks_total{event="push",outcome="handled"}')).toBe(1);
    expect(values.get('atqos_webhooks_total{event="push",outcome="duplicate"}')).toBe(1);
    expect(values.get('atqos_webhooks_total{event="push",outcome="error"}')).toBe(1);
    expect(values.get('atqos_webhooks_total{event="push",outcome="rejected"}')).toBe(1);
    expect(values.get('atqos_webhooks_total{event="other",outcome="rejected"}')).toBe(1);
    expect(values.get('atqos_webhooks_total{event="ping",outcome="ignored"}')).toBe(1);
    expect(values.get('atqos_dispatches_total{command="diagnose",lane="health"}')).toBe(1);
    expect(values.get('atqos_errors_total{where="push"}')).toBe(1);
    expect(values.get('atqos_webhook_duration_seconds_count')).toBe(6);
    expect(values.get('atqos_webhook_duration_seconds_bucket{le="+Inf"}')).toBe(6);
    expect(values.get('atqos_webhook_duration_seconds_bucket{le="5"}')).toBe(6);
    expect(values.get('atqos_webhook_duration_seconds_sum')).toBeGreaterThan(0);
  });
});
