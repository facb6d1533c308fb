// From a real `atqos run` of the demo project to publish-plan.json and GitHub: the plan's PRs carry
// the fixes git holds, a later green run closes the issues, `atqos publish` and `publishRun`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writePublishPlan } from '../../src/engine/publish/index.js';
import type { WrittenPlan } from '../../src/engine/publish/index.js';
import { findingMarker, PublishPlan } from '../../src/github/index.js';
import { publishRun } from '../../src/cli/publish-run.js';
import { atqos, parseJsonOut, removeTempDirs } from './support.js';
import { agentArgv, configuredProject, DEMO_FIXES, gitIn, runJson } from './run-support.js';
import type { Ran } from './run-support.js';

afterAll(removeTempDirs);
afterEach(() => nock.cleanAll());

const CONTEXT = { repo: { owner: 'acme', repo: 'shop' }, baseBranch: 'main', reportUrl: 'https://github.com/acme/shop/actions/runs/7' };
const NO_TOKEN = { GITHUB_TOKEN: '', ATQOS_GITHUB_TOKEN: '' };

function decode(file: PublishPlan['pullRequests'][number]['files'][number]): string | undefined {
  return file.action === 'write' ? Buffer.from(file.contentBase64, 'base64').toString('utf8') : undefined;
}

describe('publish plan from a real run that fixed the demo project', () => {
  let ran: Ran;
  let first: WrittenPlan;
  let fingerprints: string[];

  beforeAll(async () => {
    const repo = configuredProject('demo', { argv: agentArgv('apply-patch', '--only-allowed', '--script', DEMO_FIXES) });
    ran = await runJson(repo);
    expect(ran.result.code, ran.result.stderr).toBe(0);
    first = await writePublishPlan({ repoDir: repo, runDir: ran.out.runDir, context: CONTEXT });
    fingerprints = (JSON.parse(fs.readFileSync(path.join(ran.out.runDir, 'findings.json'), 'utf8')) as { fingerprint: string }[]).map((f) => f.fingerprint);
  }, 180_000);

  it('writes publish-plan.json in the run dir, valid against the schema and equal to what it returns', () => {
    expect(first.file).toBe(path.join(ran.out.runDir, 'publish-plan.json'));
    const onDisk = PublishPlan.parse(JSON.parse(fs.readFileSync(first.file, 'utf8')));
    expect(onDisk).toEqual(first.plan);
    expect(first.notes).toEqual([]);
    expect(first.plan).toMatchObject({ runId: ran.out.runId, repo: CONTEXT.repo, reportUrl: CONTEXT.reportUrl });
  });

  it('has one check run on the commit the run tested', () => {
    const baseSha = gitIn(ran.repo, ['rev-parse', 'HEAD']).trim();
    expect(first.plan.checkRuns).toHaveLength(1);
    expect(first.plan.checkRuns[0]?.headSha).toBe(baseSha);
    expect(first.plan.checkRuns[0]?.status).toBe('completed');
  });

  it('has an open issue for each of the 4 findings', () => {
    expect(fingerprints).toHaveLength(4);
    expect(first.plan.issues.map((i) => [i.fingerprint, i.state]).sort()).toEqual(fingerprints.map((f) => [f, 'open']).sort());
  });

  it('has 2 pull requests whose files decode to the fixed sources on the task branches', () => {
    const prs = first.plan.pullRequests;
    expect(prs.map((p) => p.branch).sort()).toEqual(ran.out.remediation.tasks.map((t) => t.branch).sort());
    const baseSha = gitIn(ran.repo, ['rev-parse', 'HEAD']).trim();
    const files: Record<string, string | undefined> = {};
    for (const pr of prs) {
      expect(pr).toMatchObject({ base: 'main', baseSha });
      expect(pr.commitMessage).toContain(`ATQOS-Run: ${ran.out.runId}`);
      expect(pr.fixes.length).toBeGreaterThan(0);
      for (const f of pr.files) {
        expect(f.action).toBe('write');
        expect(decode(f)).toBe(gitIn(ran.repo, ['show', `${pr.branch}:${f.path}`]));
        files[f.path] = decode(f);
      }
    }
    expect(Object.keys(files).sort()).toEqual(['src/shop/cart.py', 'src/shop/shipping.py']);
    expect(files['src/shop/shipping.py']).toContain('if weight_kg <= limit:');
    expect(files['src/shop/cart.py']).toContain('(1 - self.discount_percent / 100)');
  });

  it('writes the same bytes when written again', async () => {
    const before = fs.readFileSync(first.file, 'utf8');
    await writePublishPlan({ repoDir: ran.repo, runDir: ran.out.runDir, context: CONTEXT });
    expect(fs.readFileSync(first.file, 'utf8')).toBe(before);
  });

  it('`atqos publish --dry-run` without a token summarizes the plan and calls no API', async () => {
    const r = await atqos(['publish', ran.out.runId.slice(0, 18), '--repo', ran.repo, '--github', 'acme/shop', '--dry-run', '--api-url', 'http://127.0.0.1:9'], ran.repo, NO_TOKEN);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('acme/shop: 1 check run(s), 4 issue(s) to open or update, 0 to close, 2 pull request(s), the dashboard');
    for (const pr of first.plan.pullRequests) expect(r.stdout).toContain(pr.title);
    expect(r.stdout).toContain('GitHub was not asked');
    const json = parseJsonOut<{ summary: Record<string, unknown>; result: unknown; planFile: string }>(
      await atqos(['publish', ran.out.runId, '--repo', ran.repo, '--github', 'acme/shop', '--dry-run', '--json'], ran.repo, NO_TOKEN),
    );
    expect(json).toMatchObject({ summary: { checkRuns: 1, issuesOpen: 4, issuesClosed: 0, pullRequests: 2, dashboard: true }, result: null, planFile: first.file });
  });

  it('`atqos publish` refuses, with exit 3, a missing token, a bad OWNER/REPO and an unknown run', async () => {
    const noToken = await atqos(['publish', ran.out.runId, '--repo', ran.repo, '--github', 'acme/shop'], ran.repo, NO_TOKEN);
    expect(noToken.code).toBe(3);
    expect(noToken.stderr).toMatch(/needs a GitHub token.*GITHUB_TOKEN/s);
    const badRepo = await atqos(['publish', ran.out.runId, '--repo', ran.repo, '--github', 'acme', '--dry-run'], ran.repo, NO_TOKEN);
    expect(badRepo.code).toBe(3);
    expect(badRepo.stderr).toContain('--github OWNER/REPO');
    const unknown = await atqos(['publish', 'nope', '--repo', ran.repo, '--github', 'acme/shop', '--dry-run'], ran.repo, NO_TOKEN);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('no run matches "nope"');
  });

  describe('a later green run of the same lane', () => {
    let second: WrittenPlan;
    let secondId: string;

    beforeAll(async () => {
      const integration = ran.out.remediation.checkpoint!.integrationBranch;
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'merge', '-q', '--ff-only', integration], { cwd: ran.repo });
      const r = await atqos(['diagnose', '--json', '--repo', ran.repo], ran.repo);
      expect(r.code, r.stderr).toBe(0);
      secondId = parseJsonOut<{ runId: string }>(r).runId;
      second = await writePublishPlan({ repoDir: ran.repo, runDir: path.join(ran.repo, '.atqos', 'runs', secondId), context: CONTEXT });
    }, 120_000);

    it('closes the issues of the 4 findings that are gone, with a comment, and plans no PR', () => {
      expect(second.plan.issues.map((i) => [i.fingerprint, i.state]).sort()).toEqual(fingerprints.map((f) => [f, 'closed']).sort());
      expect(second.plan.issues.every((i) => i.closeComment?.includes(secondId))).toBe(true);
      expect(second.plan.pullRequests).toEqual([]);
      expect(second.plan.checkRuns[0]?.conclusion).toBe('success');
      expect(second.plan.dashboard?.body).toContain(ran.out.runId);
    });

    it('publishRun closes them on GitHub (GHES API root, token auth, user agent atqos)', async () => {
      nock.disableNetConnect();
      const API = 'https://ghe.example.com/api/v3';
      const R = '/api/v3/repos/acme/shop';
      const headers: Record<string, string>[] = [];
      const closed: number[] = [];
      const comments: string[] = [];
      const openIssues = fingerprints.map((fp, i) => ({ number: 20 + i, state: 'open', title: `old ${i}`, body: `${findingMarker(fp)}\nold`, labels: [{ name: 'atqos' }], html_url: `https://ghe.example.com/acme/shop/issues/${20 + i}` }));
      const scope = nock(API.replace('/api/v3', ''))
        .get(`${R}/labels`).query(true).reply(200, function () { headers.push(this.req.headers as Record<string, string>); return [{ id: 1, name: 'atqos', color: '5319e7' }]; })
        .get(`${R}/commits/${second.plan.checkRuns[0]?.headSha}/check-runs`).query(true).reply(200, { total_count: 0, check_runs: [] })
        .post(`${R}/check-runs`).reply(201, { id: 5, html_url: 'https://ghe.example.com/acme/shop/runs/5' })
        .get(`${R}/issues`).query(true).reply(200, openIssues)
        .post(/\/issues\/2\d\/comments$/).times(4).reply(201, (_uri, body) => (comments.push(String((body as { body: string }).body)), { id: 1 }))
        .patch(/\/issues\/2\d$/).times(4).reply(200, (uri, body) => (closed.push(Number(uri.split('/').pop())), { ...openIssues[0], ...(body as object) }))
        .post(`${R}/issues`).reply(201, { number: 30, state: 'open', title: 'dashboard', body: '', labels: [], html_url: 'https://ghe.example.com/acme/shop/issues/30' });

      const out = await publishRun({ repoDir: ran.repo, runId: secondId, github: 'acme/shop', baseBranch: 'main', token: 'ghs_test', apiUrl: API, paceMs: 0 });

      expect(out.result?.errors).toEqual([]);
      expect(out.result?.ok).toBe(true);
      expect(scope.isDone()).toBe(true);
      expect(nock.pendingMocks()).toEqual([]);
      expect(closed.sort()).toEqual([20, 21, 22, 23]);
      expect(comments.every((c) => c.includes('No longer seen'))).toBe(true);
      expect(headers[0]?.authorization).toBe('token ghs_test');
      expect(headers[0]?.['user-agent']).toMatch(/^atqos /);
      expect(out.result?.actions.filter((a) => a.kind === 'issue').map((a) => a.action)).toEqual(['closed', 'closed', 'closed', 'closed']);
    });
    it('publishRun with --dry-run and a token only reads GitHub and reports what it would close', async () => {
      nock.disableNetConnect();
      const R = '/repos/acme/shop';
      const openIssues = fingerprints.map((fp, i) => ({ number: 40 + i, state: 'open', title: `old ${i}`, body: `${findingMarker(fp)}\nold`, labels: [{ name: 'atqos' }], html_url: `https://github.com/acme/shop/issues/${40 + i}` }));
      const methods: string[] = [];
      const scope = nock('https://api.github.com')
        .get(`${R}/labels`).query(true).reply(200, [])
        .get(`${R}/commits/${second.plan.checkRuns[0]?.headSha}/check-runs`).query(true).reply(200, { total_count: 0, check_runs: [] })
        .get(`${R}/issues`).query(true).reply(200, openIssues);
      scope.on('request', (req: { method: string }) => methods.push(req.method));

      const out = await publishRun({ repoDir: ran.repo, runId: secondId, github: 'acme/shop', baseBranch: 'main', token: 'ghs_test', dryRun: true, paceMs: 0 });

      expect(scope.isDone()).toBe(true);
      expect(new Set(methods)).toEqual(new Set(['GET']));
      expect(out.result).toMatchObject({ ok: true, dryRun: true });
      expect(out.result?.actions.filter((a) => a.kind === 'issue').map((a) => [a.action, a.number, a.dryRun])).toEqual([40, 41, 42, 43].map(() => ['closed', expect.any(Number), true]));
    });
  });
});
