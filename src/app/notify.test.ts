import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from './server.js';
import { API, example, makeZip, mockInstallationToken, mockRepoConfig, sendWebhook, useTestServer } from './test-support.js';
import type { Unmatched } from './test-support.js';

const R = '/repos/octo-org/octo-repo';
const RUN_ID = 289782451;
const RUN_SHA = '3484a3fb816e0859fd6e1cea078d76385ff50625';
const HEAD = 'a'.repeat(40);
const SLACK = 'https://hooks.slack.com';
const SLACK_PATH = '/services/T000/B000/XXXX';
const BLOB = 'https://pipelines.actions.githubusercontent.com';
type Body = Record<string, unknown>;

const issue = (fingerprint: string, severity: string, title: string) => ({ fingerprint, state: 'open', title, body: 'Evidence.', labels: ['failing'], kind: 'test_failure', severity });
const plan = {
  schema: 'atqos/publish-plan@1', runId: 'run-1', repo: { owner: 'octo-org', repo: 'octo-repo' },
  checkRuns: [{ name: 'ATQOS / nightly', headSha: HEAD, status: 'completed', conclusion: 'failure', title: '2 failing findings', summary: 'Two problems.' }],
  issues: [issue('b10c4e5000000001', 'blocker', 'Collection error: <!channel> tests/test_db.py'), issue('a1b2c3d4e5f60718', 'high', 'Failing: test_x')],
};

function completedRun() {
  const payload = example('workflow_run', (p) => p.action === 'completed' && p.workflow_run.path === '.github/workflows/test.yml');
  Object.assign(payload.workflow_run, { id: RUN_ID, path: '.github/workflows/atqos.yml', conclusion: 'failure', display_title: 'ATQOS diagnose nightly [0123456789ab]' });
  payload.workflow.path = '.github/workflows/atqos.yml';
  return payload;
}

/** GitHub's side of publishing `plan`: artifact, labels, a new check run, two new issues. */
function mockPublish(scope: nock.Scope): nock.Scope {
  const zip = makeZip([{ name: 'publish-plan.json', data: JSON.stringify(plan) }]);
  nock(BLOB).get('/a.zip').reply(200, zip);
  let number = 10;
  return scope
    .get(`${R}/actions/runs/${RUN_ID}/artifacts`).query(true).reply(200, { total_count: 1, artifacts: [{ id: 8, name: 'atqos-run-1', size_in_bytes: zip.length }] })
    .get(`${R}/actions/artifacts/8/zip`).reply(302, '', { location: `${BLOB}/a.zip` })
    .get(`${R}/labels`).query(true).reply(200, [{ name: 'atqos' }, { name: 'failing' }])
    .get(`${R}/commits/${HEAD}/check-runs`).query(true).reply(200, { check_runs: [] })
    .post(`${R}/check-runs`).reply(201, { id: 77 })
    .get(`${R}/issues`).query(true).reply(200, [])
    .post(`${R}/issues`).times(2).reply(201, (_uri, body) => {
      number += 1;
      return { number, html_url: `https://github.com/octo-org/octo-repo/issues/${number}`, state: 'open', ...(body as Body) };
    });
}

let server: RunningServer;
let unmatched: Unmatched;
useTestServer((s, u) => {
  server = s;
  unmatched = u;
});

function expectAllDone(...scopes: nock.Scope[]) {
  for (const scope of scopes) expect(scope.pendingMocks()).toEqual([]);
  expect(nock.pendingMocks()).toEqual([]);
  expect(unmatched.list).toEqual([]);
}

describe('notifications from .github/atqos.yml', () => {
  it('after publishing: one run-finished message and one listing the new blocker (escaped), to the configured URL', async () => {
    const texts: string[] = [];
    const slack = nock(SLACK).post(SLACK_PATH, (b: Body) => (texts.push(String(b.text)), true)).times(2).reply(200, 'ok');
    const github = mockRepoConfig(mockPublish(mockInstallationToken(nock(API))), R, RUN_SHA, `notify:\n  slackWebhookUrl: ${SLACK}${SLACK_PATH}\n`);

    expect((await sendWebhook(server, 'workflow_run', completedRun())).status).toBe(200);
    expectAllDone(github, slack);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('ATQOS diagnose (lane nightly) on octo-org/octo-repo finished: *failure* — 2 failing findings.');
    expect(texts[0]).toContain('Issues: 2 opened.');
    expect(texts[0]).toContain('<https://github.com/octo-org/octo-repo/actions/runs/289782451|Workflow run>');
    expect(texts[1]).toContain('1 new blocker finding in octo-org/octo-repo');
    expect(texts[1]).toContain('<https://github.com/octo-org/octo-repo/issues/11|Collection error: &lt;!channel&gt; tests/test_db.py>');
    expect(texts[1]).not.toContain('test_x');
  });

  it('a failing webhook is logged and counted, never fatal; `on` limits what is sent', async () => {
    const slack = nock(SLACK).post(SLACK_PATH, (b: Body) => String(b.text).includes('new blocker')).reply(500, 'no_service');
    const github = mockRepoConfig(mockPublish(mockInstallationToken(nock(API))), R, RUN_SHA, `notify:\n  slackWebhookUrl: ${SLACK}${SLACK_PATH}\n  on: [new_blocker]\n`);

    expect((await sendWebhook(server, 'workflow_run', completedRun())).status).toBe(200);
    expectAllDone(github, slack);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('atqos_errors_total{where="notify"} 1');
    expect(metrics).toContain('atqos_publish_actions_total{kind="issue",action="created"} 2');
    expect(metrics).toContain('atqos_publish_actions_total{kind="check_run",action="created"} 1');
  });

  it('an http:// URL (an invalid config: defaults apply) or a URL to an IP address: nothing is sent, the run is still published', async () => {
    const github = mockRepoConfig(mockPublish(mockInstallationToken(nock(API))), R, RUN_SHA, 'notify:\n  slackWebhookUrl: http://hooks.slack.com/x\n');
    expect((await sendWebhook(server, 'workflow_run', completedRun())).status).toBe(200);
    expectAllDone(github);

    const other = completedRun();
    other.workflow_run.head_sha = 'b'.repeat(40);
    const ip = mockRepoConfig(mockPublish(nock(API)), R, 'b'.repeat(40), 'notify:\n  slackWebhookUrl: https://169.254.169.254/latest\n');
    expect((await sendWebhook(server, 'workflow_run', other)).status).toBe(200);
    expectAllDone(ip);
  });
});
