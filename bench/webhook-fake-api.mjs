// The GitHub REST API answered locally for bench/webhook-latency.mjs: canned JSON for what the
// App calls while handling `/atqos fix-tests` (installation token, collaborator permission, the
// PR, reactions, comments, workflow dispatch, check runs). Unknown routes get 404 and are counted.
// Prints {"url": …} on stdout once listening; GET /__stats returns request counts by route.
import http from 'node:http';
import { createRequire } from 'node:module';

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples/api.github.com/index.json');
const pull = examples.find((e) => e.name === 'pull_request').examples.find((p) => p.action === 'opened').pull_request;
const pullJson = JSON.stringify(pull);

const ROUTES = [
  ['POST', /^\/app\/installations\/\d+\/access_tokens$/, 201, () => ({ token: 'ghs_bench', expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {}, repository_selection: 'all' })],
  ['GET', /^\/repos\/[^/]+\/[^/]+\/collaborators\/([^/]+)\/permission$/, 200, (m) => ({ permission: 'write', role_name: 'write', user: { login: m[1] } })],
  ['GET', /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+$/, 200, () => pullJson],
  ['POST', /\/reactions$/, 201, () => ({ id: 1, content: 'eyes' })],
  ['GET', /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/, 200, () => []],
  ['POST', /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/, 201, () => ({ id: 7, html_url: 'https://github.com/Codertocat/Hello-World/pull/1#issuecomment-7', body: '' })],
  ['PATCH', /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/\d+$/, 200, () => ({ id: 7, body: '' })],
  ['POST', /\/actions\/workflows\/[^/]+\/dispatches$/, 204, () => undefined],
  ['POST', /^\/repos\/[^/]+\/[^/]+\/check-runs$/, 201, () => ({ id: 9, html_url: 'https://github.com/Codertocat/Hello-World/runs/9' })],
  ['PATCH', /^\/repos\/[^/]+\/[^/]+\/check-runs\/\d+$/, 200, () => ({ id: 9 })],
];

const stats = {};
const server = http.createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname.replace(/^\/api\/v3/, '');
  req.resume();
  req.on('end', () => {
    if (path === '/__stats') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
    const route = ROUTES.find(([method, re]) => method === req.method && re.test(path));
    const key = route ? `${req.method} ${route[1].source}` : `UNKNOWN ${req.method} ${path}`;
    stats[key] = (stats[key] ?? 0) + 1;
    if (!route) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
    const body = route[3](route[1].exec(path));
    if (body === undefined) return void res.writeHead(route[2]).end();
    res.writeHead(route[2], { 'content-type': 'application/json; charset=utf-8' }).end(typeof body === 'string' ? body : JSON.stringify(body));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
