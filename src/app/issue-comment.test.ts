import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from './server.js';
import { API, example, mockInstallationToken, sendWebhook, useTestServer } from './test-support.js';
import type { Unmatched } from './test-support.js';

const R = '/repos/Codertocat/Hello-World';
const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const OLD = '1'.repeat(40);
type Body = Record<string, unknown>;

/** A real issue_comment.created payload, turned into a comment on PR #1. */
function commentOn(body: string, login = 'Codertocat') {
  const payload = example('issue_comment', (p) => p.action === 'created' && p.installation);
  payload.issue.pull_request = { url: `${API}${R}/pulls/1` };
  payload.comment.body = body;
  payload.comment.user.login = login;
  payload.sender.login = login;
  return payload;
}

/** The PR as the API returns it: from the fork `evil/Hello-World` when `fork`. */
function pull(fork: boolean) {
  const pr = example('pull_request', (p) => p.action === 'opened' && p.installation).pull_request;
  pr.head.sha = HEAD;
  if (fork) pr.head.repo.full_name = 'evil/Hello-World';
  return pr;
}

const permission = (scope: nock.Scope, login: string, level: string) =>
  scope.get(`${R}/collaborators/${login}/permission`).reply(200, { permission: level, role_name: level, user: { login } });

let server: RunningServer;
let unmatched: Unmatched;
useTestServer((s, u) => {
  server = s;
  unmatched = u;
});

function expectAllDone(scope: nock.Scope) {
  expect(scope.pendingMocks()).toEqual([]);
  expect(unmatched.list).toEqual([]);
}

describe('issue_comment: /atqos commands on a pull request', () => {
  it('an authorised /atqos fix-tests reacts 👀 and dispatches on the default branch with the PR head', async () => {
    const sent: Record<string, Body> = {};
    const scope = mockInstallationToken(nock(API));
    permission(scope, 'Codertocat', 'write')
      .get(`${R}/pulls/1`).reply(200, pull(false))
      .post(`${R}/issues/comments/492700400/reactions`, (b) => ((sent.reaction = b), true)).reply(201, { id: 1, content: 'eyes' })
      .post(`${R}/actions/workflows/atqos.yml/dispatches`, (b) => ((sent.dispatch = b), true)).reply(204)
      .post(`${R}/issues/1/comments`, (b) => ((sent.reply = b), true)).reply(201, { id: 2 });

    const res = await sendWebhook(server, 'issue_comment', commentOn('Looks flaky.\n/atqos fix-tests nightly\nthanks'));

    expect(res.status).toBe(200);
    expectAllDone(scope);
    expect(sent.reaction).toEqual({ content: 'eyes' });
    expect(sent.dispatch).toEqual({ ref: 'master', inputs: { command: 'run', lane: 'nightly', pr: '1', sha: HEAD, request: expect.stringMatching(/^[0-9a-f]{12}#1$/) } });
    const id = String((sent.dispatch?.inputs as Body).request).slice(0, 12);
    expect(String(sent.reply?.body)).toContain('`fix-tests` (lane `nightly`)');
    expect(String(sent.reply?.body)).toContain(`<!-- atqos:request=${id} -->`);
    expect(String(sent.reply?.body)).toContain('Queued');
    expect(String(sent.reply?.body)).not.toMatch(/^ {0,3}\/atqos/m);
  });

  it('a read-only user gets one reply and no dispatch', async () => {
    const sent: Body[] = [];
    const scope = mockInstallationToken(nock(API));
    permission(scope, 'drive-by', 'read')
      .post(`${R}/issues/1/comments`, (b) => (sent.push(b), true)).reply(201, { id: 2 });

    const res = await sendWebhook(server, 'issue_comment', commentOn('/atqos run', 'drive-by'));

    expect(res.status).toBe(200);
    expectAllDone(scope);
    expect(sent).toHaveLength(1);
    expect(String(sent[0]?.body)).toContain('need write access');
  });

  it('a non-collaborator (404 from the permission API) is refused the same way', async () => {
    const scope = mockInstallationToken(nock(API))
      .get(`${R}/collaborators/stranger%5Bbot%5D/permission`).reply(404, { message: 'Not Found' })
      .post(`${R}/issues/1/comments`, (b: Body) => String(b.body).includes('need write access')).reply(201, { id: 2 });

    expect((await sendWebhook(server, 'issue_comment', commentOn('/atqos diagnose', 'stranger[bot]'))).status).toBe(200);
    expectAllDone(scope);
  });

  it('a mention that does not start a line does nothing at all', async () => {
    const res = await sendWebhook(server, 'issue_comment', commentOn('You could try /atqos fix-tests here.\n> /atqos run'));
    expect(res.status).toBe(200);
    expect(unmatched.list).toEqual([]);
  });

  it('an unknown subcommand gets the help reply, without a permission check or dispatch', async () => {
    const scope = mockInstallationToken(nock(API))
      .post(`${R}/issues/1/comments`, (b: Body) => /unknown command `deploy`/.test(String(b.body)) && String(b.body).includes('`/atqos fix-tests [lane]`')).reply(201, { id: 2 });
    expect((await sendWebhook(server, 'issue_comment', commentOn('/atqos deploy'))).status).toBe(200);
    expectAllDone(scope);
  });
});

describe('issue_comment: /atqos commands on an issue', () => {
  const BRANCH_HEAD = '7'.repeat(40);
  /** The same real payload as a comment on issue #1 (no pull_request field). */
  const onIssue = (body: string, login = 'Codertocat') => {
    const payload = commentOn(body, login);
    delete payload.issue.pull_request;
    return payload;
  };

  it('/atqos coverage dispatches diagnose on lane weekly at the default branch\'s head, with pr empty', async () => {
    const sent: Record<string, Body> = {};
    const scope = mockInstallationToken(nock(API));
    permission(scope, 'Codertocat', 'write')
      .get(`${R}/branches/master`).reply(200, { name: 'master', commit: { sha: BRANCH_HEAD } })
      .post(`${R}/issues/comments/492700400/reactions`).reply(201, { id: 1 })
      .post(`${R}/issues/1/comments`, (b) => ((sent.reply = b), true)).reply(201, { id: 2 })
      .post(`${R}/actions/workflows/atqos.yml/dispatches`, (b) => ((sent.dispatch = b), true)).reply(204);

    expect((await sendWebhook(server, 'issue_comment', onIssue('/atqos coverage'))).status).toBe(200);
    expectAllDone(scope);
    expect(sent.dispatch).toEqual({ ref: 'master', inputs: { command: 'diagnose', lane: 'weekly', pr: '', sha: BRANCH_HEAD, request: expect.stringMatching(/^[0-9a-f]{12}#1$/) } });
    expect(String(sent.reply?.body)).toContain('`coverage` (lane `weekly`) on `777777777777` (the default branch)');
  });

  it('/atqos audit-skips maps to diagnose on lane nightly; fix-tests without a lane runs health', async () => {
    const dispatched: Body[] = [];
    const scope = mockInstallationToken(nock(API));
    for (let i = 0; i < 2; i++) {
      permission(scope, 'Codertocat', 'admin')
        .get(`${R}/branches/master`).reply(200, { commit: { sha: BRANCH_HEAD } })
        .post(`${R}/issues/comments/492700400/reactions`).reply(201, { id: 1 })
        .post(`${R}/issues/1/comments`).reply(201, { id: 2 + i })
        .post(`${R}/actions/workflows/atqos.yml/dispatches`, (b) => (dispatched.push(b.inputs as Body), true)).reply(204);
    }
    await sendWebhook(server, 'issue_comment', onIssue('/atqos audit-skips'));
    await sendWebhook(server, 'issue_comment', onIssue('/atqos fix-tests'));
    expectAllDone(scope);
    expect(dispatched.map((i) => [i.command, i.lane])).toEqual([['diagnose', 'nightly'], ['run', 'health']]);
  });

  it('a read-only user on an issue gets the refusal and nothing is dispatched', async () => {
    const scope = mockInstallationToken(nock(API));
    permission(scope, 'drive-by', 'triage')
      .post(`${R}/issues/1/comments`, (b: Body) => String(b.body).includes('need write access')).reply(201, { id: 2 });
    expect((await sendWebhook(server, 'issue_comment', onIssue('/atqos diagnose', 'drive-by'))).status).toBe(200);
    expectAllDone(scope);
  });

  it('/atqos help replies with the command list, no permission check', async () => {
    const scope = mockInstallationToken(nock(API))
      .post(`${R}/issues/1/comments`, (b: Body) => String(b.body).includes('`/atqos audit-skips`')).reply(201, { id: 2 });
    expect((await sendWebhook(server, 'issue_comment', onIssue('/atqos help'))).status).toBe(200);
    expectAllDone(scope);
  });

  it('a failed dispatch edits the one reply to say so instead of posting another', async () => {
    let edited: Body | undefined;
    const scope = mockInstallationToken(nock(API));
    permission(scope, 'Codertocat', 'write')
      .get(`${R}/branches/master`).reply(200, { commit: { sha: BRANCH_HEAD } })
      .post(`${R}/issues/comments/492700400/reactions`).reply(201, { id: 1 })
      .post(`${R}/issues/1/comments`).reply(201, { id: 2 })
      .post(`${R}/actions/workflows/atqos.yml/dispatches`).reply(404, { message: 'Not Found' })
      .patch(`${R}/issues/comments/2`, (b) => ((edited = b), true)).reply(200, { id: 2 });
    expect((await sendWebhook(server, 'issue_comment', onIssue('/atqos diagnose'))).status).toBe(200);
    expectAllDone(scope);
    expect(String(edited?.body)).toContain('could not be started (HTTP 404)');
    expect(String(edited?.body)).toContain('.github/workflows/atqos.yml');
  });
});

describe('issue_comment: fork pull requests', () => {
  it('without an approval: a reply explaining /atqos approve <sha>, no dispatch', async () => {
    const sent: Body[] = [];
    const scope = mockInstallationToken(nock(API));
    permission(scope, 'Codertocat', 'admin')
      .get(`${R}/pulls/1`).reply(200, pull(true))
      .get(`${R}/issues/1/comments`).query(true).reply(200, [{ id: 5, body: 'nice work', user: { login: 'Codertocat' } }])
      .post(`${R}/issues/1/comments`, (b) => (sent.push(b), true)).reply(201, { id: 2 });

    expect((await sendWebhook(server, 'issue_comment', commentOn('/atqos fix-tests'))).status).toBe(200);
    expectAllDone(scope);
    expect(sent).toHaveLength(1);
    expect(String(sent[0]?.body)).toContain(`\`/atqos approve ${HEAD}\``);
  });

  it('with a maintainer\'s /atqos approve <head sha> earlier on the PR: dispatches', async () => {
    const sent: Record<string, Body> = {};
    const scope = mockInstallationToken(nock(API));
    permission(scope, 'contributor', 'write')
      .get(`${R}/pulls/1`).reply(200, pull(true))
      .get(`${R}/issues/1/comments`).query(true).reply(200, [
        { id: 5, body: `/atqos approve ${HEAD}`, user: { login: 'outsider' } },
        { id: 6, body: `Reviewed.\n/atqos approve ${HEAD}`, user: { login: 'maintainer' } },
      ]);
    permission(scope, 'outsider', 'read');
    permission(scope, 'maintainer', 'maintain')
      .post(`${R}/issues/comments/492700400/reactions`).reply(201, { id: 1 })
      .post(`${R}/actions/workflows/atqos.yml/dispatches`, (b) => ((sent.dispatch = b), true)).reply(204)
      .post(`${R}/issues/1/comments`).reply(201, { id: 2 });

    expect((await sendWebhook(server, 'issue_comment', commentOn('/atqos fix-tests', 'contributor'))).status).toBe(200);
    expectAllDone(scope);
    expect(sent.dispatch).toEqual({ ref: 'master', inputs: { command: 'run', lane: 'pr', pr: '1', sha: HEAD, request: expect.stringMatching(/^[0-9a-f]{12}#1$/) } });
  });

  it('an approval of an older head SHA no longer counts', async () => {
    const sent: Body[] = [];
    const scope = mockInstallationToken(nock(API));
    permission(scope, 'Codertocat', 'write')
      .get(`${R}/pulls/1`).reply(200, pull(true))
      .get(`${R}/issues/1/comments`).query(true).reply(200, [{ id: 6, body: `/atqos approve ${OLD}`, user: { login: 'maintainer' } }])
      .post(`${R}/issues/1/comments`, (b) => (sent.push(b), true)).reply(201, { id: 2 });

    expect((await sendWebhook(server, 'issue_comment', commentOn('/atqos run'))).status).toBe(200);
    expectAllDone(scope);
    expect(String(sent[0]?.body)).toContain('approved its exact head commit');
  });

  it('/atqos approve of the current head by a maintainer is acknowledged with 👍 and starts nothing', async () => {
    const scope = mockInstallationToken(nock(API));
    permission(scope, 'Codertocat', 'admin')
      .get(`${R}/pulls/1`).reply(200, pull(true))
      .post(`${R}/issues/comments/492700400/reactions`, { content: '+1' }).reply(201, { id: 1 });
    expect((await sendWebhook(server, 'issue_comment', commentOn(`/atqos approve ${HEAD}`))).status).toBe(200);
    expectAllDone(scope);
  });
});
