import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AtqosError } from '../core/index.js';
import { serverOptionsFromEnv } from './env.js';
import type { RunningServer } from './server.js';
import { startServer } from './server.js';
import { API, collectUnmatched, deliveryId, example, mockInstallationToken, PRIVATE_KEY, SECRET, sendWebhook, sign, startTestServer } from './test-support.js';

const R = '/repos/Codertocat/Hello-World';
let unmatched: ReturnType<typeof collectUnmatched>;
let server: RunningServer | undefined;
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  unmatched = collectUnmatched();
});
afterAll(() => {
  unmatched.stop();
  nock.enableNetConnect();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  nock.cleanAll();
  unmatched.list.length = 0;
});

async function refusal(webhookSecret: string | undefined): Promise<AtqosError> {
  const err = await startServer({ appId: 1, privateKey: PRIVATE_KEY, webhookSecret, port: 0 }).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(AtqosError);
  return err as AtqosError;
}

describe('startServer', () => {
  it('refuses to start without a webhook secret, naming WEBHOOK_SECRET', async () => {
    const err = await refusal(undefined);
    expect(err.code).toBe('app_webhook_secret_missing');
    expect(err.hint).toContain('WEBHOOK_SECRET');
    expect((await refusal('  ')).code).toBe('app_webhook_secret_missing');
  });

  it('refuses Probot\'s default secret "development"', async () => {
    expect((await refusal('development')).message).toContain('"development"');
  });

  it('refuses a missing key or App id with the env var to set', async () => {
    const noKey = await startServer({ appId: 1, privateKey: '', webhookSecret: SECRET, port: 0 }).catch((e: unknown) => e);
    expect((noKey as AtqosError).hint).toContain('PRIVATE_KEY');
    const noId = await startServer({ appId: '', privateKey: PRIVATE_KEY, webhookSecret: SECRET, port: 0 }).catch((e: unknown) => e);
    expect((noId as AtqosError).hint).toContain('APP_ID');
  });

  it('listens on 127.0.0.1 and answers /healthz; other paths are 404', async () => {
    server = await startTestServer();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${server.url}/healthz`)).text()).toBe('ok\n');
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });
});

function helpComment() {
  const payload = example('issue_comment', (p) => p.action === 'created' && p.installation);
  payload.comment.body = '/atqos help';
  return payload;
}

describe('webhook verification and delivery dedupe', () => {
  it('a bad signature gets a 4xx and makes no API call', async () => {
    server = await startTestServer();
    const scope = mockInstallationToken(nock(API)).post(`${R}/issues/1/comments`).reply(201, { id: 2 });
    const body = JSON.stringify(helpComment());
    const wrong = await sendWebhook(server, 'issue_comment', helpComment(), { signature: sign(body, 'not-the-secret') });
    const tampered = await sendWebhook(server, 'issue_comment', { ...helpComment(), extra: true }, { signature: sign(body) });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    expect(wrong.status).toBeLessThan(500);
    expect(tampered.status).toBeGreaterThanOrEqual(400);
    expect(tampered.status).toBeLessThan(500);
    expect(scope.pendingMocks()).toHaveLength(2);
    expect(unmatched.list).toEqual([]);
  });

  it('a redelivery of the same X-GitHub-Delivery id is handled once', async () => {
    server = await startTestServer();
    const scope = mockInstallationToken(nock(API)).post(`${R}/issues/1/comments`).reply(201, { id: 2 });
    const id = deliveryId();
    expect((await sendWebhook(server, 'issue_comment', helpComment(), { id })).status).toBe(200);
    expect((await sendWebhook(server, 'issue_comment', helpComment(), { id })).status).toBe(200);
    expect(scope.pendingMocks()).toEqual([]);
    // A second reply would have had no interceptor left.
    expect(unmatched.list).toEqual([]);
  });

  it('a delivery whose handling failed is handled again when redelivered', async () => {
    server = await startTestServer();
    const scope = mockInstallationToken(nock(API))
      .post(`${R}/issues/1/comments`).reply(422, { message: 'Validation Failed' })
      .post(`${R}/issues/1/comments`).reply(201, { id: 2 });
    const id = deliveryId();
    expect((await sendWebhook(server, 'issue_comment', helpComment(), { id })).status).toBe(422);
    expect((await sendWebhook(server, 'issue_comment', helpComment(), { id })).status).toBe(200);
    expect(scope.pendingMocks()).toEqual([]);
  });
});

describe('acknowledge first (the default)', () => {
  it('answers GitHub before the handler\'s API calls finish, then handles the delivery once', async () => {
    server = await startTestServer({ acknowledgeFirst: true });
    const scope = mockInstallationToken(nock(API)).post(`${R}/issues/1/comments`).delay(1500).reply(201, { id: 2 });
    const id = deliveryId();
    const started = Date.now();
    expect((await sendWebhook(server, 'issue_comment', helpComment(), { id })).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1200);
    expect(scope.pendingMocks()).not.toEqual([]);
    expect((await sendWebhook(server, 'issue_comment', helpComment(), { id })).status).toBe(200);
    await server.idle();
    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.list).toEqual([]);
  });

  it('a delivery whose background handling failed is handled again when redelivered', async () => {
    server = await startTestServer({ acknowledgeFirst: true });
    const scope = mockInstallationToken(nock(API))
      .post(`${R}/issues/1/comments`).reply(422, { message: 'Validation Failed' })
      .post(`${R}/issues/1/comments`).reply(201, { id: 2 });
    const id = deliveryId();
    expect((await sendWebhook(server, 'issue_comment', helpComment(), { id })).status).toBe(200);
    await server.idle();
    expect((await sendWebhook(server, 'issue_comment', helpComment(), { id })).status).toBe(200);
    await server.idle();
    expect(scope.pendingMocks()).toEqual([]);
  });
});

describe('serverOptionsFromEnv', () => {
  it('reads APP_ID, PRIVATE_KEY_PATH, WEBHOOK_SECRET and PORT', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-app-'));
    const keyPath = path.join(dir, 'app.pem');
    fs.writeFileSync(keyPath, PRIVATE_KEY);
    const options = serverOptionsFromEnv({ APP_ID: '42', PRIVATE_KEY_PATH: keyPath, WEBHOOK_SECRET: 's3cret', PORT: '8080' });
    expect(options).toMatchObject({ appId: '42', privateKey: PRIVATE_KEY, webhookSecret: 's3cret', port: 8080, autoDiagnosePullRequests: true });
  });

  it('the PR lane is on unless ATQOS_AUTO_DIAGNOSE_PRS=false', () => {
    expect(serverOptionsFromEnv({ ATQOS_AUTO_DIAGNOSE_PRS: 'false' }).autoDiagnosePullRequests).toBe(false);
    expect(serverOptionsFromEnv({ ATQOS_AUTO_DIAGNOSE_PRS: 'FALSE ' }).autoDiagnosePullRequests).toBe(false);
    expect(serverOptionsFromEnv({ ATQOS_AUTO_DIAGNOSE_PRS: 'true' }).autoDiagnosePullRequests).toBe(true);
  });

  it('accepts PRIVATE_KEY as PEM with escaped newlines or as base64', () => {
    const escaped = PRIVATE_KEY.replace(/\n/g, '\\n');
    expect(serverOptionsFromEnv({ PRIVATE_KEY: escaped }).privateKey).toBe(PRIVATE_KEY);
    expect(serverOptionsFromEnv({ PRIVATE_KEY: Buffer.from(PRIVATE_KEY).toString('base64') }).privateKey).toBe(PRIVATE_KEY);
  });

  it('says which variable is wrong', () => {
    expect(() => serverOptionsFromEnv({ PRIVATE_KEY_PATH: '/nonexistent/app.pem' })).toThrow(/PRIVATE_KEY_PATH/);
    expect(() => serverOptionsFromEnv({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});
