import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, Probot, ProbotOctokit } from 'probot';
import { atqosApp } from './app.js';
import { DeliveryMemory } from './deliveries.js';
import type { HandlerSettings } from './handlers/context.js';
import { AppIdentity } from './identity.js';
import { AppMetrics } from './metrics/app-metrics.js';
import { PROMETHEUS_CONTENT_TYPE } from './metrics/registry.js';
import type { AppOptions, ServerOptions } from './options.js';
import { checkAppOptions } from './options.js';
import { RepoConfigCache } from './repo-config.js';
import { WorkQueue } from './work-queue.js';
import { appScheduler } from './schedule/wire.js';
import { jsonLogger } from './log.js';

export const DEFAULT_WORKFLOW_FILE = 'atqos.yml';
export const DEFAULT_PORT = 3000;
export const DEFAULT_WEBHOOK_PATH = '/api/github/webhooks';

/** A request handler for `node:http`: the webhook path, `/healthz`, `/metrics`, 404 for the rest. */
export type AppRequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/**
 * Builds the App: a Probot instance with ATQOS's handlers and a request handler that verifies
 * webhook signatures (Probot's) before anything runs. Throws an AtqosError for options it must
 * not start with (no webhook secret, Probot's "development" secret, no key).
 */
export async function createApp(options: AppOptions): Promise<{ probot: Probot; handler: AppRequestHandler; metrics: AppMetrics; queue?: WorkQueue }> {
  checkAppOptions(options);
  const Octokit = options.rateLimitPlugins === false ? ProbotOctokit.defaults(withoutRateLimitPlugins) : ProbotOctokit;
  const probot = new Probot({
    appId: options.appId,
    privateKey: options.privateKey,
    secret: options.webhookSecret,
    Octokit,
    logFormat: 'json',
    logLevel: options.logLevel ?? 'info',
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.webhookPath ? { webhookPath: options.webhookPath } : {}),
  });
  const metrics = new AppMetrics();
  const settings: HandlerSettings = {
    workflowFile: options.workflowFile ?? DEFAULT_WORKFLOW_FILE,
    paceMs: options.paceMs ?? 1000,
    autoDiagnosePullRequests: options.autoDiagnosePullRequests ?? true,
    metrics,
    identity: new AppIdentity(() => probot.auth()),
    repoConfig: new RepoConfigCache(),
  };
  const queue = options.acknowledgeFirst === false ? undefined : new WorkQueue();
  const middleware = await createNodeMiddleware(atqosApp(settings, new DeliveryMemory(options.deliveryMemory), queue), { probot });
  const webhookPath = options.webhookPath ?? DEFAULT_WEBHOOK_PATH;
  const handler: AppRequestHandler = (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    if (req.method === 'GET' && path === '/metrics') {
      res.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE }).end(metrics.registry.render());
      return;
    }
    if (req.method === 'POST' && path === webhookPath) metrics.trackWebhook(req, res);
    void middleware(req, res, () => res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n'));
  };
  return { probot, handler, metrics, ...(queue ? { queue } : {}) };
}

/**
 * A function, not an object: Probot passes its own `throttle` options to the constructor, and
 * object defaults are merged shallowly, so `{ throttle: { enabled: false } }` would be overwritten.
 */
function withoutRateLimitPlugins(options: Record<string, unknown>): Record<string, unknown> {
  return { ...options, retry: { enabled: false }, throttle: { ...(options.throttle as object | undefined), enabled: false } };
}

/** A running App server and how to stop it. */
export interface RunningServer {
  url: string;
  port: number;
  /** Resolves when every acknowledged delivery has been handled. */
  idle(): Promise<void>;
  /** Stops listening, then waits for acknowledged deliveries to finish. */
  close(): Promise<void>;
}

/** Starts the App on `host:port` (default 127.0.0.1:3000). */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { handler, queue, probot, metrics } = await createApp(options);
  const scheduler = options.stateFile
    ? appScheduler(probot, { stateFile: options.stateFile, workflowFile: options.workflowFile ?? DEFAULT_WORKFLOW_FILE, metrics, log: jsonLogger })
    : undefined;
  const server = http.createServer(handler);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  scheduler?.start();
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    idle: () => queue?.idle() ?? Promise.resolve(),
    close: async () => {
      await scheduler?.stop();
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      });
      await queue?.idle();
    },
  };
}
