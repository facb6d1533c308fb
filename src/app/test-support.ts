import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { crc32, deflateRawSync } from 'node:zlib';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { ServerOptions } from './options.js';
import type { RunningServer } from './server.js';
import { startServer } from './server.js';

/* Shared by the App's specs: real payloads, real signatures, a real server, GitHub faked by nock. */

export const API = 'https://api.github.com';
export const SECRET = 'a-webhook-secret-for-tests';
export const INSTALLATION = 1;
export const PRIVATE_KEY = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see example()
interface ExampleSet { name: string; examples: Record<string, any>[] }
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples/api.github.com/index.json') as ExampleSet[];

/** A deep copy of a real payload from @octokit/webhooks-examples: the first of `event` matching `pick`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- specs edit real payloads field by field
export function example(event: string, pick: (payload: Record<string, any>) => boolean = () => true): Record<string, any> {
  const found = examples.find((e) => e.name === event)?.examples.find(pick);
  if (!found) throw new Error(`no ${event} example matches`);
  return structuredClone({ ...found, installation: { id: INSTALLATION } });
}

export function sign(body: string, secret = SECRET): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
}

let deliveries = 0;
/** A fresh delivery id, as GitHub sends in `X-GitHub-Delivery`. */
export const deliveryId = () => `72d3162e-cc78-11e3-81ab-${String(++deliveries).padStart(12, '0')}`;

/** POSTs a webhook the way GitHub does: raw JSON body, HMAC-SHA256 signature of it. */
export async function sendWebhook(server: RunningServer, event: string, payload: unknown, opts: { id?: string; signature?: string } = {}) {
  const body = JSON.stringify(payload);
  const response = await fetch(`${server.url}/api/github/webhooks`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': opts.id ?? deliveryId(),
      'x-hub-signature-256': opts.signature ?? sign(body),
      'user-agent': 'GitHub-Hookshot/test',
    },
  });
  return { status: response.status, text: await response.text() };
}

/** The App on 127.0.0.1 with a free port, Probot's rate-limit plugins off, no pacing. */
export function startTestServer(options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  return startServer({ appId: 123, privateKey: PRIVATE_KEY, webhookSecret: SECRET, port: 0, rateLimitPlugins: false, paceMs: 0, logLevel: 'fatal', acknowledgeFirst: false, ...options });
}

/** What `collectUnmatched` returns: requests nock had no interceptor for. */
export type Unmatched = ReturnType<typeof collectUnmatched>;

/**
 * The hooks every App spec needs: GitHub faked by nock with only loopback allowed, and per test a
 * fresh server and unmatched-request log, handed to `set`; closed and cleaned after each test.
 */
export function useTestServer(set: (server: RunningServer, unmatched: Unmatched) => void, options: Partial<ServerOptions> = {}): void {
  let server: RunningServer | undefined;
  let unmatched: ReturnType<typeof collectUnmatched> | undefined;
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    unmatched = collectUnmatched();
    server = await startTestServer(options);
    set(server, unmatched);
  });
  afterEach(async () => {
    await server?.close();
    unmatched?.stop();
    nock.cleanAll();
  });
}

/** The installation token exchange Probot makes before the first API call of an event. */
export function mockInstallationToken(scope: nock.Scope): nock.Scope {
  return scope.post(`/app/installations/${INSTALLATION}/access_tokens`).reply(201, {
    token: 'ghs_installationtoken', expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {}, repository_selection: 'all',
  });
}

/** `GET /app` (with the App's JWT), which the App asks once per process for its own slug. */
export function mockAppSlug(scope: nock.Scope, slug = 'atqos'): nock.Scope {
  // The App's JWT, not the installation token: `GET /app` refuses the latter.
  return scope.get('/app').matchHeader('authorization', /^bearer ey/i).reply(200, { id: 123, slug, name: 'ATQOS' });
}

/** The repo's `.github/atqos.yml` at a commit through the contents API; undefined text: 404. */
export function mockRepoConfig(scope: nock.Scope, repoPath: string, sha: string, yamlText?: string): nock.Scope {
  const interceptor = scope.get(`${repoPath}/contents/.github%2Fatqos.yml`).query({ ref: sha });
  return yamlText === undefined
    ? interceptor.reply(404, { message: 'Not Found' })
    : interceptor.reply(200, { type: 'file', encoding: 'base64', name: 'atqos.yml', content: Buffer.from(yamlText).toString('base64') });
}

/** Requests nock had no interceptor for; every spec asserts this stays empty. */
export function collectUnmatched(): { list: string[]; stop: () => void } {
  const list: string[] = [];
  const onNoMatch = (req: { method?: string; path?: string; href?: string; hostname?: string; host?: string }) => {
    const url = `${req.href ?? req.path}`;
    // Requests to the App itself pass through by design (enableNetConnect('127.0.0.1')).
    if (!url.startsWith('http://127.0.0.1') && req.hostname !== '127.0.0.1') list.push(`${req.method} ${url}`);
  };
  nock.emitter.on('no match', onNoMatch);
  return { list, stop: () => nock.emitter.removeListener('no match', onNoMatch) };
}

/** A minimal zip (local headers + central directory), deflated unless `stored`. */
export function makeZip(files: { name: string; data: Buffer | string; stored?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const data = Buffer.from(file.data);
    const body = file.stored ? data : deflateRawSync(data);
    const name = Buffer.from(file.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(file.stored ? 0 : 8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(file.stored ? 0 : 8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
