import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf } from '../../core/test-support.js';
import { API, collectUnmatched, INSTALLATION, mockInstallationToken, PRIVATE_KEY } from '../test-support.js';
import { readRepoConfig } from './github-source.js';
import type { ScheduledRepo } from './scheduler.js';
import { appScheduler } from './wire.js';
import { AppMetrics } from '../metrics/app-metrics.js';

/* The scheduler wired to GitHub the way the App wires it: a real Probot, GitHub faked by nock. */

const R = '/repos/Codertocat/Hello-World';
const CONFIG = `${R}/contents/${encodeURIComponent('.github/atqos.yml')}`;
const HELLO: ScheduledRepo = { owner: 'Codertocat', repo: 'Hello-World', installationId: INSTALLATION, defaultBranch: 'master' };
const b64 = (text: string) => Buffer.from(text).toString('base64');
const quiet = { info: () => {}, warn: () => {}, debug: () => {} };

function probot(): Probot {
  const Octokit = ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { ...(o.throttle as object), enabled: false } }));
  return new Probot({ appId: 123, privateKey: PRIVATE_KEY, Octokit, logLevel: 'fatal' });
}

function repoListing(scope: nock.Scope): nock.Scope {
  return scope
    .get('/app/installations').query(true).reply(200, [{ id: INSTALLATION, suspended_at: null }, { id: 2, suspended_at: '2025-01-01T00:00:00Z' }])
    .get('/installation/repositories').query(true).reply(200, {
      total_count: 2,
      repositories: [
        { name: 'Hello-World', owner: { login: 'Codertocat' }, default_branch: 'master', archived: false },
        { name: 'Old', owner: { login: 'Codertocat' }, default_branch: 'main', archived: true },
      ],
    });
}

let unmatched: ReturnType<typeof collectUnmatched>;
beforeAll(() => {
  nock.disableNetConnect();
  unmatched = collectUnmatched();
});
afterAll(() => {
  unmatched.stop();
  nock.enableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  unmatched.list.length = 0;
});

describe('the scheduler against the GitHub API, as the App', () => {
  it('lists installed repos, reads atqos.yml on the default branch and dispatches the due lane once, across a restart', async () => {
    const app = probot();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-schedule-gh-')), 'app.db');
    const clock = { now: new Date('2025-06-10T12:00:00Z') };
    const yml = 'lanes:\n  nightly:\n    cron: "30 2 * * *"\n  weekly:\n    plugins: [pytest]\n';
    const dispatches: unknown[] = [];
    const metrics = new AppMetrics();
    const make = () => appScheduler(app, { stateFile: file, workflowFile: 'atqos.yml', metrics, log: quiet, now: () => clock.now });
    const contents = (scope: nock.Scope) => scope.get(CONFIG).query({ ref: 'master' }).reply(200, { type: 'file', encoding: 'base64', content: b64(yml) });

    const scope = contents(repoListing(mockInstallationToken(nock(API))));
    const first = make();
    expect((await first.tick()).dispatched).toEqual([]);
    expect(scope.pendingMocks()).toEqual([]);

    clock.now = new Date('2025-06-11T02:31:00Z');
    const dueScope = contents(repoListing(nock(API)))
      .post(`${R}/actions/workflows/atqos.yml/dispatches`, (body) => (dispatches.push(body), true)).reply(204);
    const report = await first.tick();
    expect(report.dispatched.map((d) => `${d.repo} ${d.lane} ${d.fireTime.toISOString()}`)).toEqual(['codertocat/hello-world nightly 2025-06-11T02:30:00.000Z']);
    expect(dispatches).toEqual([{ ref: 'master', inputs: { command: 'diagnose', lane: 'nightly', pr: '', sha: '', request: expect.any(String) } }]);
    expect(dueScope.pendingMocks()).toEqual([]);
    await first.stop();

    clock.now = new Date('2025-06-11T02:40:00Z');
    const restartScope = contents(repoListing(nock(API)));
    const second = make();
    expect(await second.tick()).toEqual({ dispatched: [], failed: [] });
    await second.stop();
    expect(restartScope.pendingMocks()).toEqual([]);
    expect(dispatches).toHaveLength(1);
    expect(metrics.registry.render()).toMatch(/atqos_dispatches_total\{command="diagnose",lane="nightly"\} 1/);
    expect(unmatched.list).toEqual([]);
  });
});

describe('readRepoConfig', () => {
  it('is undefined for a repo without .github/atqos.yml', async () => {
    nock(API).get(CONFIG).query(true).reply(404, { message: 'Not Found' });
    const octokit = new ProbotOctokit({ auth: { token: 't' }, retry: { enabled: false }, throttle: { enabled: false } });
    expect(await readRepoConfig(octokit, HELLO)).toBeUndefined();
  });

  it('names the repo, the file and the key of a bad config', async () => {
    nock(API)
      .get(CONFIG).query(true).reply(200, { type: 'file', encoding: 'base64', content: b64('lanes:\n  nightly:\n    cron: nightly\n') })
      .get(CONFIG).query(true).reply(200, { type: 'file', encoding: 'base64', content: b64('lanes: [\n') })
      .get(CONFIG).query(true).reply(200, [{ type: 'file', name: 'x' }]);
    const octokit = new ProbotOctokit({ auth: { token: 't' }, retry: { enabled: false }, throttle: { enabled: false } });
    const bad = await rejectionOf(readRepoConfig(octokit, HELLO));
    expect(bad.message).toBe('Codertocat/Hello-World:.github/atqos.yml: `lanes.nightly.cron` is not a cron expression (five fields: minute hour day-of-month month day-of-week)');
    expect((await rejectionOf(readRepoConfig(octokit, HELLO))).message).toContain('not valid YAML');
    expect((await rejectionOf(readRepoConfig(octokit, HELLO))).code).toBe('config_unreadable');
  });
});
