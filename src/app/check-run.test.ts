import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from './server.js';
import { API, example, mockInstallationToken, sendWebhook, useTestServer } from './test-support.js';
import type { Unmatched } from './test-support.js';

const R = '/repos/electron/electron';
const SHA = '5bd5f196a46b8222fb7484f05faba41a73cf34bd';

/** The real requested_action example, with our button and check name. */
function fixButton(login: string, identifier = 'atqos-fix') {
  const payload = example('check_run', (p) => p.action === 'requested_action');
  payload.requested_action.identifier = identifier;
  payload.check_run.name = 'ATQOS / nightly';
  payload.sender.login = login;
  return payload;
}

let server: RunningServer;
let unmatched: Unmatched;
useTestServer((s, u) => {
  server = s;
  unmatched = u;
}, { workflowFile: 'quality.yml' });

describe('check_run.requested_action "Fix with ATQOS"', () => {
  it('from a writer: dispatches run for the check\'s head SHA, lane from the check name', async () => {
    let dispatch: unknown;
    const scope = mockInstallationToken(nock(API))
      .get(`${R}/collaborators/maintainer/permission`).reply(200, { permission: 'write' })
      .post(`${R}/actions/workflows/quality.yml/dispatches`, (b) => ((dispatch = b), true)).reply(204);

    expect((await sendWebhook(server, 'check_run', fixButton('maintainer'))).status).toBe(200);
    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.list).toEqual([]);
    // A plain request tag: a button has no thread to reply in.
    expect(dispatch).toEqual({ ref: 'master', inputs: { command: 'run', lane: 'nightly', pr: '26764', sha: SHA, request: expect.stringMatching(/^[0-9a-f]{12}$/) } });
  });

  it('from someone without write access: no dispatch', async () => {
    const scope = mockInstallationToken(nock(API))
      .get(`${R}/collaborators/reader/permission`).reply(200, { permission: 'read' });
    expect((await sendWebhook(server, 'check_run', fixButton('reader'))).status).toBe(200);
    expect(scope.pendingMocks()).toEqual([]);
    expect(unmatched.list).toEqual([]);
  });

  it('another app\'s button is ignored without any API call', async () => {
    expect((await sendWebhook(server, 'check_run', fixButton('maintainer', 'lgtm|26764'))).status).toBe(200);
    expect(unmatched.list).toEqual([]);
  });
});
