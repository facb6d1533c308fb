// The Action host as GitHub runs it: `node dist/action.mjs` with INPUT_* variables, a real webhook
// payload at GITHUB_EVENT_PATH, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, on fixture projects.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublishPlan } from '../src/github/index.js';
import { copyProject, removeTempDirs, ROOT, tempDir } from './e2e/support.js';
import { agentArgv, DEMO_FIXES } from './e2e/run-support.js';

afterAll(removeTempDirs);

const ACTION = path.join(ROOT, 'dist', 'action.mjs');
const EXAMPLES = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@octokit/webhooks-examples/api.github.com/index.json'), 'utf8')) as { name: string; examples: Record<string, unknown>[] }[];

/** A real payload from @octokit/webhooks-examples: the first of `event` that `pick` accepts. */
function payload(event: string, pick: (p: Record<string, unknown>) => boolean = () => true): Record<string, unknown> {
  const found = EXAMPLES.find((e) => e.name === event)?.examples.find(pick);
  if (!found) throw new Error(`no ${event} example`);
  return found;
}

interface ActionRun { code: number | null; stdout: string; outputs: Record<string, string>; summary: string }

/** Runs the bundled Action the way the runner does; inputs by their action.yml names. */
async function runAction(repo: string, inputs: Record<string, string>, event: string, body: Record<string, unknown>, env: Record<string, string> = {}): Promise<ActionRun> {
  expect(fs.existsSync(ACTION), 'run `npm run build` first').toBe(true);
  const dir = tempDir('action-runner');
  const files = { GITHUB_EVENT_PATH: path.join(dir, 'event.json'), GITHUB_OUTPUT: path.join(dir, 'output'), GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md') };
  fs.writeFileSync(files.GITHUB_EVENT_PATH, JSON.stringify(body));
  fs.writeFileSync(files.GITHUB_OUTPUT, '');
  fs.writeFileSync(files.GITHUB_STEP_SUMMARY, '');
  const outer = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/.test(k)));
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]));
  const child = spawn(process.execPath, [ACTION], {
    cwd: repo, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...outer, ...files, ...inputEnv, GITHUB_EVENT_NAME: event, GITHUB_REPOSITORY: 'acme/shop', GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '4242', RUNNER_TEMP: dir, ...env },
  });
  let stdout = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
  child.stderr.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
  const code = await new Promise<number | null>((resolve, reject) => child.on('error', reject).on('close', resolve));
  return { code, stdout, outputs: parseOutputs(fs.readFileSync(files.GITHUB_OUTPUT, 'utf8')), summary: fs.readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8') };
}

/** GITHUB_OUTPUT's file-command format: `name<<DELIMITER\nvalue\nDELIMITER`. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) out[m[1] as string] = m[3] as string;
  return out;
}

function readPlan(file: string | undefined): PublishPlan {
  return PublishPlan.parse(JSON.parse(fs.readFileSync(file ?? '', 'utf8')));
}

describe('the Action on a pull_request event, demo project (red)', () => {
  const pr = payload('pull_request', (p) => p.action === 'opened') as { pull_request: { head: { sha: string }; base: { ref: string } } };
  let repo: string;
  let ran: ActionRun;
  beforeAll(async () => {
    repo = copyProject('demo');
    ran = await runAction(repo, { command: 'diagnose', publish: 'app' }, 'pull_request', pr);
  }, 60_000);

  it('fails the step on red by default and sets every output', () => {
    expect(ran.code, ran.stdout).toBe(1);
    expect(ran.stdout).toContain('::error::ATQOS: red (fail-on: red)');
    expect(ran.outputs).toMatchObject({ conclusion: 'red', findings: '4', failed: '4', passed: '7', tasks: '2', accepted: '0' });
    expect(ran.outputs['run-id']).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    expect(ran.outputs['run-dir']).toBe(path.join(repo, '.atqos', 'runs', ran.outputs['run-id'] ?? ''));
  });

  it('writes the job summary: counts table, findings table, a Mermaid chart', () => {
    expect(ran.summary).toContain('## ATQOS diagnose · lane `nightly` · RED');
    expect(ran.summary).toContain('| 13 | 7 | 4 | 0 | 1 | 4 | 2 |');
    expect(ran.summary).toContain('### Findings (4)');
    expect(ran.summary).toMatch(/```mermaid\npie showData title Test outcomes\n {4}"passed" : 7\n {4}"failed" : 4/);
    expect(ran.summary).toContain('assert -6.0 == 3.6');
  });

  it('writes publish-plan.json for the PR head SHA, the PR base branch and the workflow run page', () => {
    expect(ran.outputs['publish-plan']).toBe(path.join(ran.outputs['run-dir'] ?? '', 'publish-plan.json'));
    const plan = readPlan(ran.outputs['publish-plan']);
    expect(plan.repo).toEqual({ owner: 'acme', repo: 'shop' });
    expect(plan.reportUrl).toBe('https://github.com/acme/shop/actions/runs/4242');
    expect(plan.checkRuns[0]?.headSha).toBe(pr.pull_request.head.sha);
    expect(plan.issues.filter((i) => i.state === 'open')).toHaveLength(4);
  });

  it('passes with fail-on error or never on the same red project', async () => {
    expect((await runAction(repo, { command: 'diagnose', 'fail-on': 'error' }, 'pull_request', pr)).code).toBe(0);
    expect((await runAction(repo, { command: 'diagnose', 'fail-on': 'never' }, 'pull_request', pr)).code).toBe(0);
  });
});

describe('the Action on a push, clean project (green)', () => {
  it('passes, with the pushed commit as the check run head', async () => {
    const push = payload('push', (p) => p.ref === 'refs/heads/master' && p.deleted === false) as { after: string };
    const ran = await runAction(copyProject('clean'), {}, 'push', push);
    expect(ran.code, ran.stdout).toBe(0);
    expect(ran.outputs).toMatchObject({ conclusion: 'green', findings: '0', failed: '0', tasks: '0' });
    expect(ran.summary).toContain('· GREEN');
    const plan = readPlan(ran.outputs['publish-plan']);
    expect(plan.checkRuns[0]).toMatchObject({ headSha: push.after, conclusion: 'success' });
  });
});

describe('the Action with command: run on a workflow_dispatch', () => {
  it('fixes the demo project with the agent given as input, and passes because nothing is left failing', async () => {
    // agents.default is builtin in the file: only the `agent` input makes the scripted command agent run.
    const config = { agents: { default: 'builtin', command: { argv: agentArgv('apply-patch', '--only-allowed', '--script', DEMO_FIXES) } }, remediation: { maxAttempts: 2, attemptTimeoutSec: 20 } };
    const repo = copyProject('demo', { '.github/atqos.yml': `${JSON.stringify(config)}\n` });
    const dispatch = { ...payload('workflow_dispatch'), inputs: { lane: 'nightly', command: 'run' } };
    const ran = await runAction(repo, { command: 'run', agent: 'command', publish: 'app' }, 'workflow_dispatch', dispatch, { GITHUB_SHA: 'a'.repeat(40) });
    expect(ran.code, ran.stdout).toBe(0);
    expect(ran.outputs).toMatchObject({ conclusion: 'red', tasks: '2', accepted: '2' });
    expect(ran.summary).toContain('· FIXED');
    expect(ran.summary).toContain('2 task(s), 2 fix(es) accepted.');
    expect(ran.summary).toMatch(/pie showData title Task outcomes\n {4}"succeeded" : 2/);
    expect(ran.summary).toContain('Checkpoint: failing findings **4 → 0**.');
    const plan = readPlan(ran.outputs['publish-plan']);
    expect(plan.pullRequests).toHaveLength(2);
    expect(plan.pullRequests.every((p) => p.base === 'main')).toBe(true);
    expect(plan.checkRuns[0]?.headSha).toBe('a'.repeat(40));
    expect(fs.readFileSync(path.join(repo, '.github/atqos.yml'), 'utf8')).toContain('"default":"builtin"');
  }, 120_000);
});

describe('the Action refuses bad inputs with a message naming the input', () => {
  let repo: string;
  beforeAll(() => {
    repo = copyProject('clean');
  });
  it('an unknown command', async () => {
    const ran = await runAction(repo, { command: 'deploy' }, 'push', payload('push'));
    expect(ran.code).toBe(1);
    expect(ran.stdout).toMatch(/::error::ATQOS: input 'command': .*diagnose.*run/);
    expect(ran.outputs).toEqual({});
  });
  it('standalone publishing without a token', async () => {
    const ran = await runAction(repo, { publish: 'standalone' }, 'push', payload('push'));
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain("'github-token' is empty");
  });
  it('a config path that does not exist', async () => {
    const ran = await runAction(repo, { config: 'ci/atqos.yml' }, 'push', payload('push'));
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain("input 'config': ci/atqos.yml does not exist");
  });
});

describe('the Action in standalone mode', () => {
  const requests: { method: string; url: string; auth: string | undefined; body: string }[] = [];
  let server: http.Server;
  let api: string;

  beforeAll(async () => {
    // A real HTTP server in GitHub's place: nothing exists yet, every write succeeds.
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (b: Buffer) => (body += b.toString('utf8')));
      req.on('end', () => {
        requests.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, body });
        const url = new URL(req.url ?? '/', 'http://x');
        const reply = req.method === 'GET'
          ? url.pathname.endsWith('/check-runs') ? { total_count: 0, check_runs: [] } : []
          : { id: 7, number: 7, name: 'atqos', color: '5319e7', state: 'open', title: 't', body: '', labels: [], html_url: 'https://github.com/acme/shop/issues/7' };
        res.writeHead(req.method === 'GET' ? 200 : 201, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('publishes the plan with the token it was given, which never reaches the run directory', async () => {
    const token = 'ghs_standalone_secret_123';
    const push = payload('push', (p) => p.ref === 'refs/heads/master' && p.deleted === false) as { after: string };
    const ran = await runAction(copyProject('clean'), { publish: 'standalone', 'github-token': token }, 'push', push, { GITHUB_API_URL: api });
    expect(ran.code, ran.stdout).toBe(0);
    expect(requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([
      'GET /repos/acme/shop/labels', 'POST /repos/acme/shop/labels',
      `GET /repos/acme/shop/commits/${push.after}/check-runs`, 'POST /repos/acme/shop/check-runs',
      'GET /repos/acme/shop/issues', 'POST /repos/acme/shop/issues',
    ]);
    expect(requests.every((r) => r.auth === `token ${token}`)).toBe(true);
    expect(JSON.parse(requests[3]?.body ?? '{}')).toMatchObject({ head_sha: push.after, conclusion: 'success' });
    expect(ran.stdout).toMatch(/created\s+check_run/);
    const runDir = ran.outputs['run-dir'] ?? '';
    const leaked = fs.readdirSync(runDir, { recursive: true, encoding: 'utf8' })
      .map((f) => path.join(runDir, f)).filter((f) => fs.statSync(f).isFile() && fs.readFileSync(f).includes(token));
    expect(leaked).toEqual([]);
  }, 60_000);
});

describe('the Action with changed-since on the pr lane', () => {
  it('hands the changed files to the plugins (pytest records why it chose its selection)', async () => {
    const pr = payload('pull_request', (p) => p.action === 'opened');
    const repo = copyProject('clean');
    fs.appendFileSync(path.join(repo, 'README.md'), '\nchanged\n');
    const ran = await runAction(repo, { lane: 'pr', 'changed-since': 'HEAD', 'fail-on': 'never' }, 'pull_request', pr);
    expect(ran.code, ran.stdout).toBe(0);
    const selection = JSON.parse(fs.readFileSync(path.join(ran.outputs['run-dir'] ?? '', 'raw/pytest/selection.json'), 'utf8'));
    expect(selection).toMatchObject({ lane: 'pr', impact: { mode: expect.any(String) } });
    // Past "no base revision was given": the change set arrived; with no coverage map yet, the full suite runs and says why.
    expect(selection.impact.reason).toMatch(/no earlier run kept raw\/coverage\/impact-map\.json/);
    expect(selection.mode).toBe('full');
  }, 60_000);

  it('refuses a changed-since that is not a revision, naming the input', async () => {
    const ran = await runAction(copyProject('clean'), { 'changed-since': '--upload-pack=x' }, 'push', payload('push'));
    expect(ran.code).not.toBe(0);
    expect(ran.stdout).toMatch(/input 'changed-since': must be a revision/);
  });
});
