// The quarantine marker's finding reference becomes the finding's issue URL in the PR's commit,
// through a real Octokit against nock (every mock must be used, none may be missing).
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { publish } from './index.js';
import { linkIssues } from './issue-links.js';
import { ALL_LABELS, API, BASE_SHA, FP1, R, ghIssue, ghPull, gitFixture, octokit, planFixture } from './test-support.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const git = gitFixture();
// A quarantine task's branch: only its PRs get their marker lines linked.
const BRANCH = 'atqos/quarantine/a1b2c3d4e5f6';
const REF_PATH = `${R}/git/ref/${encodeURIComponent(`heads/${BRANCH}`)}`;
const TOKEN = `atqos finding ${FP1.slice(0, 12)}`;
const marker = (issue: string) => `@pytest.mark.xfail(reason="quarantined by ATQOS: flaky test_api (${issue})", strict=False)`;
// The token also sits in a line the fix did not add (line 1): only line 2 may change.
const QUARANTINED = (issue: string) => `# ${TOKEN}\n${marker(issue)}\r\ndef test_api():\n    assert True\n`;
const b64 = (text: string) => Buffer.from(text).toString('base64');
const text = (b: string) => Buffer.from(b, 'base64').toString('utf8');

function plan(issues: boolean) {
  const base = planFixture().pullRequests![0]!;
  return planFixture({
    checkRuns: [], dashboard: undefined,
    issues: issues ? [planFixture().issues![0]!] : [],
    // A quarantine PR refers to the finding's issue (`Refs #n`) rather than closing it.
    pullRequests: [{ ...base, branch: BRANCH, fixes: [], refs: [FP1], files: [{ action: 'write', path: 'tests/test_api.py', contentBase64: b64(QUARANTINED(TOKEN)) }], issueLinks: [{ fingerprint: FP1, path: 'tests/test_api.py', line: 2, token: TOKEN }] }],
  });
}

/** A new PR on a new branch; returns what was sent as the blob and the PR body. */
function newPull(scope: nock.Scope, sent: { blob?: string; body?: string }): nock.Scope {
  return scope
    .get(`${R}/pulls`).query({ head: `acme:${BRANCH}`, state: 'all', per_page: '100' }).reply(200, [])
    .get(`${R}/git/commits/${BASE_SHA}`).reply(200, { sha: BASE_SHA, tree: { sha: git.baseTree }, parents: [] })
    .get(/\/git\/trees\/[0-9a-f]{40}$/).times(2).reply(200, (uri) => git.lsTree(uri.split('/').pop() ?? ''))
    .get(REF_PATH).reply(404, { message: 'Not Found' })
    .post(`${R}/git/blobs`, (b) => ((sent.blob = text(b.content)), true)).reply(201, { sha: 'a'.repeat(40) })
    .post(`${R}/git/trees`).reply(201, { sha: 'c'.repeat(40), tree: [] })
    .post(`${R}/git/commits`).reply(201, { sha: 'd'.repeat(40) })
    .post(`${R}/git/refs`).reply(201, { ref: `refs/heads/${BRANCH}`, object: { sha: 'd'.repeat(40) } })
    .post(`${R}/pulls`, (b) => ((sent.body = b.body), true)).reply(201, ghPull(20, { title: 'Fix', body: 'x' }))
    .post(`${R}/issues/20/labels`).reply(200, ALL_LABELS);
}

describe('issue links in quarantine fixes', () => {
  it('puts the URL of the issue a prior publish made into the marker line the fix added, and says so in the PR', async () => {
    const sent: { blob?: string; body?: string } = {};
    const existing = ghIssue(7, { title: 'Flaky: test_api', body: `Sleeps.\n\n<!-- atqos:finding=${FP1} -->`, labels: ['atqos', 'flaky'] });
    const scope = newPull(nock(API)
      .get(`${R}/labels`).query(true).reply(200, ALL_LABELS)
      .get(`${R}/issues`).query({ labels: 'atqos', state: 'all', per_page: '100' }).reply(200, [existing]), sent);

    const result = await publish(plan(false), octokit(), { paceMs: 0 });

    expect(result.errors).toEqual([]);
    expect(scope.isDone()).toBe(true);
    expect(sent.blob).toBe(`# ${TOKEN}\n${marker('https://github.com/acme/widgets/issues/7')}\r\ndef test_api():\n    assert True\n`);
    expect(sent.body).toContain('The quarantine marker at `tests/test_api.py` line 2 links the finding\'s issue #7: https://github.com/acme/widgets/issues/7');
    expect(sent.body).toContain('Refs #7');
    expect(sent.body).not.toContain('Fixes #');
  });

  it('links the issue created earlier in the same publish', async () => {
    const sent: { blob?: string; body?: string } = {};
    const scope = newPull(nock(API)
      .get(`${R}/labels`).query(true).reply(200, ALL_LABELS)
      .get(`${R}/issues`).query({ labels: 'atqos', state: 'all', per_page: '100' }).reply(200, [])
      .post(`${R}/issues`).reply(201, ghIssue(9, { title: 'Flaky: test_api', body: 'x' })), sent);

    const result = await publish(plan(true), octokit(), { paceMs: 0 });

    expect(result.errors).toEqual([]);
    expect(scope.isDone()).toBe(true);
    expect(sent.blob?.split('\n')[1]).toBe(`${marker('https://github.com/acme/widgets/issues/9')}\r`);
  });
});

describe('linkIssues', () => {
  const pr = { branch: BRANCH, files: [{ action: 'write' as const, path: 'tests/test_api.py', contentBase64: b64(QUARANTINED(TOKEN)), mode: '100644' as const }, { action: 'write' as const, path: 'logo.png', contentBase64: 'iVBORw0KGgr/', mode: '100644' as const }], issueLinks: [{ fingerprint: FP1, path: 'tests/test_api.py', line: 2, token: TOKEN }] };

  it('keeps the reference, and says why, when the issue is unknown or the line lacks the token; other files go out byte for byte', () => {
    const none = linkIssues(pr, new Map(), new Map());
    expect(none.files).toEqual(pr.files);
    expect(none.lines).toEqual([`The quarantine marker at \`tests/test_api.py\` line 2 still reads \`${TOKEN}\`: the finding has no issue yet.`]);
    const moved = linkIssues({ ...pr, issueLinks: [{ ...pr.issueLinks[0]!, line: 3 }] }, new Map([[FP1, 'https://x/1']]), new Map());
    expect(moved.files).toEqual(pr.files);
    expect(moved.lines[0]).toContain('that line is not a quarantine marker holding the reference');
    const linked = linkIssues(pr, new Map([[FP1, 'https://x/$&']]), new Map());
    expect(linked.files[1]).toEqual(pr.files[1]);
    expect(text((linked.files[0] as { contentBase64: string }).contentBase64).split('\n')[1]).toBe(`${marker('https://x/$&')}\r`);
  });

  it('links nothing in a PR that is no quarantine, nor on a planned line that is no ATQOS marker, even holding the token', () => {
    const urls = new Map([[FP1, 'https://x/1']]);
    const fix = linkIssues({ ...pr, branch: 'atqos/fix/a1b2c3d4e5f6' }, urls, new Map());
    expect(fix.files).toEqual(pr.files);
    expect(fix.lines).toEqual(['Finding references in this fix are left as they are: only a quarantine\'s marker lines link the finding\'s issue.']);
    // Line 1 holds the token in a plain comment: a plan pointing there changes nothing.
    const comment = linkIssues({ ...pr, issueLinks: [{ ...pr.issueLinks[0]!, line: 1 }] }, urls, new Map());
    expect(comment.files).toEqual(pr.files);
    expect(comment.lines).toEqual([`The quarantine marker at \`tests/test_api.py\` line 1 still reads \`${TOKEN}\`: that line is not a quarantine marker holding the reference.`]);
  });
});
