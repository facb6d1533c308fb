// One webhook server for bench/webhook-latency.mjs, in its own process so the load generator does
// not share its event loop. argv: `atqos` (the App from dist, via startServer) or `bare` (a Probot
// app whose handler does nothing). Env: BENCH_API (the local GitHub API), BENCH_SECRET,
// BENCH_KEY (PEM), ATQOS_DIST (default ../dist). Prints {"url": …} once listening.
import http from 'node:http';
import { createNodeMiddleware, Probot, ProbotOctokit } from 'probot';

const kind = process.argv[2];
const { BENCH_API: baseUrl, BENCH_SECRET: secret, BENCH_KEY: privateKey } = process.env;
const dist = new URL(`${process.env.ATQOS_DIST ?? '../dist'}/`, import.meta.url);
const LOG_LEVEL = 'error';

// As src/app/server.ts does with rateLimitPlugins: false (Probot's throttling waits between writes).
const withoutRateLimitPlugins = (o) => ({ ...o, retry: { enabled: false }, throttle: { ...o.throttle, enabled: false } });

async function listen(handler) {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${server.address().port}`;
}

async function startBare() {
  const probot = new Probot({ appId: 123, privateKey, secret, baseUrl, logLevel: LOG_LEVEL, Octokit: ProbotOctokit.defaults(withoutRateLimitPlugins) });
  const middleware = await createNodeMiddleware((app) => app.on('issue_comment.created', async () => {}), { probot });
  return listen((req, res) => void middleware(req, res, () => res.writeHead(404).end()));
}

async function startAtqos() {
  const { startServer } = await import(new URL('src/app/server.js', dist).href);
  const server = await startServer({ appId: 123, privateKey, webhookSecret: secret, port: 0, baseUrl, rateLimitPlugins: false, paceMs: 0, logLevel: LOG_LEVEL });
  return server.url;
}

const url = kind === 'bare' ? await startBare() : kind === 'atqos' ? await startAtqos() : undefined;
if (!url) throw new Error(`usage: webhook-server.mjs atqos|bare (got ${kind})`);
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.on('SIGTERM', () => process.exit(0));
