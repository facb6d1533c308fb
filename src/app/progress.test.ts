import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from './server.js';
import { API, example, makeZip, mockAppSlug, mockInstallationToken, mockRepoConfig, sendWebhook, useTestServer } from './test-support.js';
import type { Unmatched } from './test-support.js';

/* A dispatch's whole life over real HTTP: the trigger, then the run's requested, in_progress and
   completed events, each moving the one reply (or the queued check run) forward. */

const R = '/repos/Codertocat/Hello-World';
const PR_HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const RUN_ID = 4242;
const RUN_SHA = '3484a3fb816e0859fd6e1cea078d76385ff50625';
const RUN_URL = `https://github.com/Codertocat/Hello-World/actions/runs/${RUN_ID}`;
const BLOB = 'https://pipelines.actions.githubusercontent.com';
type Body = Record<string, unknown>;

/** The real workflow_run example as an event of this repo's ATQOS workflow, named as the template's run-name does. */
function runEvent(action: 'requested' | 'in_progress' | 'completed', title: string, conclusion: string | null = null) {
  const payload = example('workflow_run', (p) => p.action === 'completed' && p.workflow_run.path === '.github/workflows/test.yml');
  const run = payload.workflow_run;
  payload.action = action;
  Object.assign(run, { id: RUN_ID, path: '.github/workflows/atqos.yml', display_title: title, html_url: RUN_URL, head_sha: RUN_SHA, conclusion, status: action === 'requested' ? 'queued' : action });
  payload.workflow.path = '.github/workflows/atqos.yml';
  Object.assign(payload.repository, { name: 'Hello-World', full_name: 'Codertocat/Hello-World', default_branch: 'master' });
  payload.repository.owner.login = 'Codertocat';
  run.head_repository.full_name = 'Codertocat/Hello-World';
  return payload;
}

function commentOnPr(body: string) {
  const payload = example('issue_comment', (p) => p.action === 'created' && p.installation);
  payload.issue.pull_request = { url: `${API}${R}/pulls/1` };
  payload.comment.body = body;
  return payload;
}

function pull() {
  const pr = example('pull_request', (p) => p.action === 'opened' && p.installation).pull_request;
  pr.head.sha = PR_HEAD;
  return pr;
}

function planZip(checkName: string) {
  const plan = {
    schema: 'atqos/publish-plan@1', runId: 'run-1', repo: { owner: 'Codertocat', repo: 'Hello-World' },
    checkRuns: [{ name: checkName, headSha: PR_HEAD, status: 'completed', conclusion: 'failure', title: '1 failing finding', summary: 'One problem.' }],
  };
  return makeZip([{ name: 'publish-plan.json', data: JSON.stringify(plan) }]);
}

function mockArtifact(scope: nock.Scope, zip: Buffer): nock.Scope {
  nock(BLOB).get('/a.zip').reply(200, zip);
  return scope
    .get(`${R}/actions/runs/${RUN_ID}/artifacts`).query(true).reply(200, { total_count: 1, artifacts: [{ id: 8, name: 'atqos-run-1', size_in_bytes: zip.length, expired: false }] })
    .get(`${R}/actions/artifacts/8/zip`).reply(302, '', { location: `${BLOB}/a.zip` });
}

let server: RunningServer;
let unmatched: Unmatched;
useTestServer((s, u) => {
  server = s;
  unmatched = u;
});

function expectAllDone(scope: nock.Scope) {
  expect(scope.pendingMocks()).toEqual([]);
  expect(nock.pendingMocks()).toEqual([]);
  // A second POST of a reply would have had no interceptor: it would show up here.
  expect(unmatched.list).toEqual([]);
}

describe('the progress reply of a slash command', () => {
  it('is posted once and edited in place through requested → in_progress → completed; stale and forged events change nothing', async () => {
    const api = mockInstallationToken(nock(API));
    let request = '';
    let replyBody = '';
    api.get(`${R}/collaborators/Codertocat/permission`).reply(200, { permission: 'write' })
      .get(`${R}/pulls/1`).reply(200, pull())
      .post(`${R}/issues/comments/492700400/reactions`).reply(201, { id: 1 })
      .post(`${R}/issues/1/comments`, (b: Body) => ((replyBody = String(b.body)), true)).reply(201, { id: 900 })
      .post(`${R}/actions/workflows/atqos.yml/dispatches`, (b: Body) => ((request = String((b.inputs as Body).request)), true)).reply(204);
    expect((await sendWebhook(server, 'issue_comment', commentOnPr('/atqos fix-tests'))).status).toBe(200);
    expectAllDone(api);
    const [id, thread] = request.split('#');
    expect(thread).toBe('1');
    expect(replyBody).toContain(`<!-- atqos:request=${id} -->`);

    // What GitHub answers when the App lists the thread: someone pasting the marker, then the App's reply.
    const listing = () => [
      { id: 899, body: `copy: <!-- atqos:request=${id} -->`, user: { login: 'mallory', type: 'User' } },
      { id: 900, body: replyBody, user: { login: 'atqos[bot]', type: 'Bot' } },
    ];
    const edits: string[] = [];
    const edit = (scope: nock.Scope) => scope.patch(`${R}/issues/comments/900`, (b: Body) => (edits.push(String(b.body)), (replyBody = String(b.body)), true)).reply(200, { id: 900 });
    const title = `ATQOS run pr [${request}]`;

    edit(mockAppSlug(nock(API)).get(`${R}/issues/1/comments`).query(true).reply(200, listing));
    expect((await sendWebhook(server, 'workflow_run', runEvent('requested', title))).status).toBe(200);
    expectAllDone(api);
    expect(edits.at(-1)).toContain(`Queued: [workflow run](${RUN_URL})`);

    edit(nock(API).get(`${R}/issues/1/comments`).query(true).reply(200, listing));
    expect((await sendWebhook(server, 'workflow_run', runEvent('in_progress', title))).status).toBe(200);
    expectAllDone(api);
    expect(edits.at(-1)).toContain(`Running: [workflow run](${RUN_URL})`);

    const published = mockRepoConfig(mockArtifact(nock(API), planZip('ATQOS / pr')), R, RUN_SHA)
      .get(`${R}/labels`).query(true).reply(200, [{ name: 'atqos' }])
      .get(`${R}/commits/${PR_HEAD}/check-runs`).query(true).reply(200, { check_runs: [] })
      .post(`${R}/check-runs`).reply(201, { id: 77, html_url: 'https://github.com/Codertocat/Hello-World/runs/77' })
      .get(`${R}/issues`).query(true).reply(200, [])
      .get(`${R}/issues/1/comments`).query(true).reply(200, listing);
    edit(published);
    expect((await sendWebhook(server, 'workflow_run', runEvent('completed', title, 'success'))).status).toBe(200);
    expectAllDone(published);
    expect(edits.at(-1)).toContain(`Finished: **success** — [workflow run](${RUN_URL}). Published: 1 check run.`);
    expect(edits.at(-1)?.split('\n\n')[0]).toBe(replyBody.split('\n\n')[0]);
    expect(edits.at(-1)).toContain('`fix-tests` (lane `pr`)');

    // A late in_progress (webhooks are not ordered) finds the reply finished and leaves it.
    const late = nock(API).get(`${R}/issues/1/comments`).query(true).reply(200, listing);
    expect((await sendWebhook(server, 'workflow_run', runEvent('in_progress', title))).status).toBe(200);
    expectAllDone(late);
    expect(edits).toHaveLength(3);
  });

  it('a run not started by the App (no request tag in its name) touches no comment', async () => {
    expect((await sendWebhook(server, 'workflow_run', runEvent('in_progress', 'ATQOS diagnose nightly []'))).status).toBe(200);
    expect((await sendWebhook(server, 'workflow_run', runEvent('requested', 'Update README'))).status).toBe(200);
    expect(unmatched.list).toEqual([]);
  });
});

describe('the queued check run of the PR lane', () => {
  it('queued on open → in_progress on the run\'s in_progress → completed by the plan\'s check run of the same name (no second check run)', async () => {
    const payload = example('pull_request', (p) => p.action === 'opened' && p.installation);
    payload.pull_request.head.sha = PR_HEAD;
    let external = '';
    let request = '';
    const api = mockInstallationToken(nock(API))
      .post(`${R}/check-runs`, (b: Body) => ((external = String(b.external_id)), true)).reply(201, { id: 55 })
      .post(`${R}/actions/workflows/atqos.yml/dispatches`, (b: Body) => ((request = String((b.inputs as Body).request)), true)).reply(204);
    expect((await sendWebhook(server, 'pull_request', payload)).status).toBe(200);
    expectAllDone(api);
    expect(request).toBe(`${external}@${PR_HEAD}`);
    const title = `ATQOS diagnose pr [${request}]`;
    const ours = (status: string) => ({ id: 55, status, external_id: external, output: { title: 'Queued', summary: 'x', annotations_count: 0 } });

    let progress: Body | undefined;
    const running = nock(API)
      .get(`${R}/commits/${PR_HEAD}/check-runs`).query({ check_name: 'ATQOS / pr', filter: 'all', per_page: '100' })
      .reply(200, { check_runs: [{ ...ours('queued'), id: 54, external_id: 'another-run' }, ours('queued')] })
      .patch(`${R}/check-runs/55`, (b: Body) => ((progress = b), true)).reply(200, { id: 55 });
    expect((await sendWebhook(server, 'workflow_run', runEvent('in_progress', title))).status).toBe(200);
    expectAllDone(running);
    expect(progress).toEqual({ status: 'in_progress', details_url: RUN_URL });

    let completion: Body | undefined;
    const done = mockRepoConfig(mockArtifact(nock(API), planZip('ATQOS / pr')), R, RUN_SHA)
      .get(`${R}/labels`).query(true).reply(200, [{ name: 'atqos' }])
      .get(`${R}/commits/${PR_HEAD}/check-runs`).query((q) => q.filter === 'latest').reply(200, { check_runs: [ours('in_progress')] })
      .patch(`${R}/check-runs/55`, (b: Body) => ((completion = b), true)).reply(200, { id: 55 })
      .get(`${R}/issues`).query(true).reply(200, [])
      .get(`${R}/commits/${PR_HEAD}/check-runs`).query((q) => q.filter === 'all').reply(200, { check_runs: [ours('completed')] });
    expect((await sendWebhook(server, 'workflow_run', runEvent('completed', title, 'success'))).status).toBe(200);
    expectAllDone(done);
    expect(completion).toMatchObject({ name: 'ATQOS / pr', status: 'completed', conclusion: 'failure' });
  });

  it('a cancelled run with no plan completes the check as cancelled instead of leaving it running', async () => {
    const tag = `abcdef012345@${PR_HEAD}`;
    let completion: Body | undefined;
    const scope = mockRepoConfig(mockInstallationToken(nock(API)), R, RUN_SHA)
      .get(`${R}/commits/${PR_HEAD}/check-runs`).query(true).reply(200, { check_runs: [{ id: 56, status: 'in_progress', external_id: 'abcdef012345' }] })
      .patch(`${R}/check-runs/56`, (b: Body) => ((completion = b), true)).reply(200, { id: 56 });
    expect((await sendWebhook(server, 'workflow_run', runEvent('completed', `ATQOS diagnose pr [${tag}]`, 'cancelled'))).status).toBe(200);
    expectAllDone(scope);
    expect(completion).toMatchObject({ status: 'completed', conclusion: 'cancelled', details_url: RUN_URL });
  });
});
