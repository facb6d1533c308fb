// Benchmark: webhook handling on loopback at 100 deliveries per second (issue 4).
// Signed `issue_comment.created` deliveries (`/atqos fix-tests` on a PR, unique delivery ids) are
// sent open-loop (on a fixed schedule, never waiting for the previous answer) to (a) the ATQOS
// App from dist and (b) a bare Probot app that only acknowledges, each in its own process, with
// the GitHub API answered by a local server (bench/webhook-fake-api.mjs). Latency = send → HTTP
// response. Target: ATQOS p99 <= 50 ms. Run after `npm run build`.
// Env: BENCH_RATE (100/s), BENCH_SECONDS (10), BENCH_WARMUP (200 deliveries), ATQOS_DIST (../dist),
// BENCH_NODE_ARGS (node flags for the server and API processes).
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
const TARGET_P99_MS = 50;
const SECRET = 'bench-webhook-secret';
const KEY = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

function payload() {
  const examples = createRequire(import.meta.url)('@octokit/webhooks-examples/api.github.com/index.json');
  const p = JSON.parse(JSON.stringify(examples.find((e) => e.name === 'issue_comment').examples.find((e) => e.action === 'created')));
  p.installation = { id: 1 };
  p.issue.pull_request = { url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/1' };
  p.comment.body = '/atqos fix-tests';
  return JSON.stringify(p);
}

/** Starts a bench child and resolves with its first stdout line (JSON with its url). */
function child(script, args, env) {
  // BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) go to the children, for profiling.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const proc = spawn(process.execPath, [...nodeArgs, new URL(script, import.meta.url).pathname, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ proc, ...JSON.parse(out.split('\n')[0]) });
    });
    proc.once('exit', (code) => reject(new Error(`${script} exited ${code} before listening`)));
  });
}

function getJson(url) {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve(JSON.parse(text)));
    }).on('error', reject);
  });
}

function deliver(agent, url, body, signature, id) {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.request(`${url}/api/github/webhooks`, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-github-event': 'issue_comment', 'x-github-delivery': id, 'x-hub-signature-256': signature, 'user-agent': 'GitHub-Hookshot/bench' },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - t0 }));
    });
    req.on('error', (err) => resolve({ status: 0, ms: performance.now() - t0, error: err.message }));
    req.end(body);
  });
}

/** `count` deliveries, one every 1000/RATE ms from now, each sent on time whatever the others do. */
async function openLoop(url, count, label) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const body = payload();
  const signature = `sha256=${crypto.createHmac('sha256', SECRET).update(body).digest('hex')}`;
  const interval = 1000 / RATE;
  const start = performance.now();
  const pending = [];
  const lag = [];
  for (let i = 0; i < count; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    lag.push(performance.now() - due);
    pending.push(deliver(agent, url, body, signature, `${label}-${crypto.randomUUID()}`));
  }
  const results = await Promise.all(pending);
  agent.destroy();
  return { results, lag, seconds: (performance.now() - start) / 1000 };
}

/** CPU time (user + system) a process has used, ms, from /proc (Linux); NaN elsewhere. */
function cpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summarize(name, { results, lag, seconds }) {
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const bad = results.filter((r) => r.status < 200 || r.status >= 300);
  return {
    name, n: results.length, seconds, p50: pct(ms, 50), p95: pct(ms, 95), p99: pct(ms, 99), max: ms.at(-1),
    non2xx: bad.length, statuses: [...new Set(bad.map((r) => r.status || r.error))].slice(0, 5), sendLagP99: pct([...lag].sort((a, b) => a - b), 99),
  };
}

async function measure(kind, api) {
  const server = await child('webhook-server.mjs', [kind], { BENCH_API: api.url, BENCH_SECRET: SECRET, BENCH_KEY: KEY });
  try {
    await openLoop(server.url, WARMUP, `${kind}-warmup`);
    const cpu0 = [cpuMs(server.proc.pid), cpuMs(api.proc.pid)];
    const run = await openLoop(server.url, RATE * SECONDS, kind);
    const cpu = [cpuMs(server.proc.pid) - cpu0[0], cpuMs(api.proc.pid) - cpu0[1]].map((c) => c / run.results.length);
    return { ...summarize(kind, run), cpuServer: cpu[0], cpuApi: cpu[1] };
  } finally {
    server.proc.kill('SIGTERM');
    await sleep(200);
  }
}

const f = (x) => x.toFixed(1).padStart(7);
const api = await child('webhook-fake-api.mjs', [], {});
try {
  const bare = await measure('bare', api);
  const before = await getJson(`${api.url}/__stats`);
  const atqos = await measure('atqos', api);
  const after = await getJson(`${api.url}/__stats`);
  const dispatchKey = Object.keys(after).find((k) => k.includes('dispatches'));
  const dispatches = (after[dispatchKey] ?? 0) - (before[dispatchKey] ?? 0);
  const unknown = Object.entries(after).filter(([k]) => k.startsWith('UNKNOWN'));

  console.log(`webhook latency, loopback, ${RATE}/s open-loop for ${SECONDS} s (+${WARMUP} warm-up); ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log('server         n     p50     p95     p99     max  non-2xx  send-lag p99  CPU ms/delivery (server, local API)');
  for (const s of [bare, atqos]) console.log(`${s.name.padEnd(8)} ${String(s.n).padStart(7)} ${f(s.p50)} ${f(s.p95)} ${f(s.p99)} ${f(s.max)} ${String(s.non2xx).padStart(8)} ${f(s.sendLagP99)}      ${f(s.cpuServer)} ${f(s.cpuApi)}${s.statuses.length ? `  (${s.statuses.join(', ')})` : ''}`);
  console.log(`ratio atqos/bare: p50 ${(atqos.p50 / bare.p50).toFixed(2)}x, p99 ${(atqos.p99 / bare.p99).toFixed(2)}x`);
  console.log(`App work: ${dispatches} workflow dispatches for ${WARMUP + atqos.n} deliveries; GitHub API calls: ${JSON.stringify(after)}`);
  if (unknown.length) console.log(`WARNING: the App called routes the local API does not answer: ${unknown.map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  console.log(`target p99 <= ${TARGET_P99_MS} ms: ${atqos.p99 <= TARGET_P99_MS && atqos.non2xx === 0 ? 'PASS' : 'MISS'} (atqos p99 ${atqos.p99.toFixed(1)} ms${atqos.non2xx ? `, ${atqos.non2xx} failed deliveries` : ''})`);
} finally {
  api.proc.kill('SIGTERM');
}
