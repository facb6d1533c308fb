import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from './server.js';
import { API, example, makeZip, mockInstallationToken, mockRepoConfig, sendWebhook, useTestServer } from './test-support.js';
import type { Unmatched } from './test-support.js';

const R = '/repos/octo-org/octo-repo';
const RUN_ID = 289782451;
const HEAD = 'a'.repeat(40);
const BLOB = 'https://pipelines.actions.githubusercontent.com';
const BLOB_PATH = '/artifact/atqos-run-1.zip';
/** The head_sha of the real example: the workflow's commit, where `.github/atqos.yml` is read. */
const RUN_SHA = '3484a3fb816e0859fd6e1cea078d76385ff50625';
type Body = Record<string, unknown>;

function plan(repo = { owner: 'octo-org', repo: 'octo-repo' }) {
  return {
    schema: 'atqos/publish-plan@1',
    runId: 'run-1',
    repo,
    checkRuns: [{ name: 'ATQOS / pr', headSha: HEAD, status: 'completed', conclusion: 'failure', title: '1 failing finding', summary: 'One problem.' }],
    issues: [{ fingerprint: 'a1b2c3d4e5f60718', state: 'open', title: 'Failing: test_x', body: 'The test fails.', labels: ['failing'], kind: 'test_failure', severity: 'high' }],
  };
}

/** The real workflow_run.completed example, as a run of the ATQOS workflow. */
function completedRun(conclusion = 'failure') {
  const payload = example('workflow_run', (p) => p.action === 'completed' && p.workflow_run.path === '.github/workflows/test.yml');
  payload.workflow_run.path = '.github/workflows/atqos.yml';
  payload.workflow.path = '.github/workflows/atqos.yml';
  payload.workflow_run.id = RUN_ID;
  payload.workflow_run.conclusion = conclusion;
  return payload;
}

/** The artifact listing and its download: GitHub answers 302 to a blob store that serves the zip. */
function mockArtifact(scope: nock.Scope, zip: Buffer): nock.Scope {
  nock(BLOB).get(BLOB_PATH).reply(200, zip, { 'content-type': 'application/zip' });
  return scope
    .get(`${R}/actions/runs/${RUN_ID}/artifacts`).query(true).reply(200, {
      total_count: 2,
      artifacts: [
        { id: 7, name: 'coverage-html', size_in_bytes: 10, expired: false },
        { id: 8, name: 'atqos-run-1', size_in_bytes: zip.length, expired: false },
      ],
    })
    .get(`${R}/actions/artifacts/8/zip`).reply(302, '', { location: `${BLOB}${BLOB_PATH}` });
}

let server: RunningServer;
let unmatched: Unmatched;
useTestServer((s, u) => {
  server = s;
  unmatched = u;
});

describe('workflow_run.completed of the ATQOS workflow', () => {
  it('downloads the atqos-run-* artifact, reads publish-plan.json from the zip and publishes it', async () => {
    const sent: Record<string, Body> = {};
    const zip = makeZip([
      { name: 'events.jsonl', data: '{}\n' },
      { name: 'publish-plan.json', data: JSON.stringify(plan()) },
      { name: 'raw/pytest/junit.xml', data: '<testsuite/>', stored: true },
    ]);
    const scope = mockRepoConfig(mockArtifact(mockInstallationToken(nock(API)), zip), R, RUN_SHA)
      .get(`${R}/labels`).query(true).reply(200, [{ name: 'atqos' }, { name: 'failing' }])
      .get(`${R}/commits/${HEAD}/check-runs`).query(true).reply(200, { total_count: 0, check_runs: [] })
      .post(`${R}/check-runs`, (b) => ((sent.check = b), true)).reply(201, { id: 77, html_url: 'https://github.com/octo-org/octo-repo/runs/77' })
      .get(`${R}/issues`).query(true).reply(200, [])
      .post(`${R}/issues`, (b) => ((sent.issue = b), true)).reply(201, (_uri, body) => ({
        number: 11, html_url: 'https://github.com/octo-org/octo-repo/issues/11', state: 'open', ...(body as Body),
      }));

    expect((await sendWebhook(server, 'workflow_run', completedRun())).status).toBe(200);
    expect(scope.pendingMocks()).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
    expect(unmatched.list).toEqual([]);
    expect(sent.check).toMatchObject({ name: 'ATQOS / pr', head_sha: HEAD, conclusion: 'failure' });
    expect(sent.issue).toMatchObject({ title: 'Failing: test_x', labels: ['atqos', 'failing'] });
    expect(String(sent.issue?.body)).toContain('<!-- atqos:finding=a1b2c3d4e5f60718 -->');
  });

  it('a plan for another repository publishes nothing', async () => {
    const zip = makeZip([{ name: 'publish-plan.json', data: JSON.stringify(plan({ owner: 'victim', repo: 'elsewhere' })) }]);
    const scope = mockRepoConfig(mockArtifact(mockInstallationToken(nock(API)), zip), R, RUN_SHA);
    expect((await sendWebhook(server, 'workflow_run', completedRun())).status).toBe(200);
    expect(nock.pendingMocks()).toEqual([]);
    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.list).toEqual([]);
  });

  it('an invalid plan, or an artifact with an unsafe entry name, publishes nothing', async () => {
    const invalid = makeZip([{ name: 'publish-plan.json', data: JSON.stringify({ ...plan(), schema: 'atqos/publish-plan@0' }) }]);
    mockRepoConfig(mockArtifact(mockInstallationToken(nock(API)), invalid), R, RUN_SHA);
    expect((await sendWebhook(server, 'workflow_run', completedRun())).status).toBe(200);
    expect(nock.pendingMocks()).toEqual([]);

    const unsafe = makeZip([{ name: '../publish-plan.json', data: JSON.stringify(plan()) }]);
    // The config of that commit is cached from the first delivery: no second read.
    mockArtifact(nock(API), unsafe);
    expect((await sendWebhook(server, 'workflow_run', completedRun())).status).toBe(200);
    expect(nock.pendingMocks()).toEqual([]);
    expect(unmatched.list).toEqual([]);
  });

  it('ignores other workflows and runs of a fork\'s code without any API call', async () => {
    const other = completedRun();
    other.workflow_run.path = '.github/workflows/test.yml';
    other.workflow.path = '.github/workflows/test.yml';
    const fork = completedRun();
    fork.workflow_run.head_repository.full_name = 'evil/octo-repo';
    for (const payload of [other, fork]) {
      expect((await sendWebhook(server, 'workflow_run', payload)).status).toBe(200);
    }
    expect(unmatched.list).toEqual([]);
  });

  it('a cancelled run publishes nothing: only its config is read (for notifications)', async () => {
    const scope = mockRepoConfig(mockInstallationToken(nock(API)), R, RUN_SHA);
    expect((await sendWebhook(server, 'workflow_run', completedRun('cancelled'))).status).toBe(200);
    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.list).toEqual([]);
  });
});
