import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Octokit } from '@octokit/rest';
import type { z } from 'zod';
import type { PublishPlan } from '../publish-plan.js';

/* Shared by the Publisher's specs: a real Octokit, GitHub-shaped bodies, a real git repo for trees. */

export const API = 'https://api.github.com';
export const REPO = { owner: 'acme', repo: 'widgets' };
export const R = '/repos/acme/widgets';
export const FP1 = 'a1b2c3d4e5f60718';
export const FP2 = '0123456789abcdef0123';
export const BRANCH = 'atqos/flaky/a1b2c3d4e5f6';
export const HEAD_SHA = 'f'.repeat(40);

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export function octokit(): Octokit {
  return new Octokit({ auth: 'test-token', baseUrl: API, log: quiet });
}

/** A sleep that returns at once and remembers what it was asked to wait. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

export function ghIssue(n: number, fields: { title: string; body: string; state?: 'open' | 'closed'; labels?: string[]; pr?: boolean }) {
  return {
    id: 1000 + n,
    node_id: `I_kwDO${n}`,
    number: n,
    url: `${API}${R}/issues/${n}`,
    html_url: `https://github.com/acme/widgets/${fields.pr ? 'pull' : 'issues'}/${n}`,
    state: fields.state ?? 'open',
    state_reason: fields.state === 'closed' ? 'completed' : null,
    title: fields.title,
    body: fields.body,
    user: { login: 'atqos[bot]', id: 1, type: 'Bot' },
    labels: (fields.labels ?? ['atqos']).map((name, i) => ({ id: 500 + i, name, color: '5319e7', default: false })),
    comments: 0,
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
    closed_at: fields.state === 'closed' ? '2025-01-02T00:00:00Z' : null,
    ...(fields.pr ? { pull_request: { url: `${API}${R}/pulls/${n}`, merged_at: null } } : {}),
  };
}

export function ghPull(n: number, fields: { title: string; body: string; state?: 'open' | 'closed'; merged?: boolean; labels?: string[] }) {
  return {
    ...ghIssue(n, { ...fields, pr: true }),
    merged_at: fields.merged ? '2025-01-03T00:00:00Z' : null,
    head: { ref: BRANCH, sha: 'c'.repeat(40), label: `acme:${BRANCH}` },
    base: { ref: 'main', sha: 'b'.repeat(40), label: 'acme:main' },
    draft: false,
  };
}

export function ghCheckRun(id: number, fields: { name: string; title: string; summary: string; annotations: number; conclusion?: string }) {
  return {
    id,
    head_sha: HEAD_SHA,
    html_url: `https://github.com/acme/widgets/runs/${id}`,
    status: 'completed',
    conclusion: fields.conclusion ?? 'failure',
    name: fields.name,
    started_at: '2025-01-01T00:00:00Z',
    completed_at: '2025-01-01T00:01:00Z',
    details_url: null,
    external_id: null,
    output: { title: fields.title, summary: fields.summary, text: null, annotations_count: fields.annotations, annotations_url: `${API}${R}/check-runs/${id}/annotations` },
    app: { id: 1, slug: 'atqos' },
  };
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

/**
 * A real git repository standing in for the repo on GitHub: the base commit's trees are served
 * from it, and `fixTree` is the tree git itself makes for the planned fix.
 */
export function gitFixture(): { dir: string; baseTree: string; fixTree: string; lsTree(sha: string): unknown } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-publisher-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q');
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('README.md', '# widgets\n');
  write('tests/test_api.py', 'import time\n\ndef test_api():\n    time.sleep(1)\n    assert True\n');
  write('tests/old_helper.py', 'X = 1\n');
  write('tests/unit/test_math.py', 'def test_add():\n    assert 1 + 1 == 2\n');
  git('add', '-A');
  const baseTree = git('write-tree');
  write('tests/test_api.py', FIXED_TEST);
  fs.rmSync(path.join(dir, 'tests/old_helper.py'));
  git('add', '-A');
  const fixTree = git('write-tree');
  const lsTree = (sha: string) => ({
    sha,
    url: `${API}${R}/git/trees/${sha}`,
    truncated: false,
    tree: git('ls-tree', sha).split('\n').filter(Boolean).map((line) => {
      const [meta = '', name = ''] = line.split('\t');
      const [mode = '', type = '', objectSha = ''] = meta.split(' ');
      return { path: name, mode, type, sha: objectSha, url: `${API}${R}/git/${type}s/${objectSha}` };
    }),
  });
  return { dir, baseTree, fixTree, lsTree };
}

export const FIXED_TEST = 'def test_api():\n    assert True\n';
export const BASE_SHA = 'b'.repeat(40);

export function planFixture(overrides: Partial<z.input<typeof PublishPlan>> = {}): z.input<typeof PublishPlan> {
  const annotations = Array.from({ length: 120 }, (_, i) => ({
    path: 'tests/test_api.py', start_line: i + 1, end_line: i + 1, annotation_level: 'warning' as const, message: `slow call ${i}`,
  }));
  return {
    schema: 'atqos/publish-plan@1',
    runId: 'run-1',
    repo: REPO,
    checkRuns: [{ name: 'ATQOS', headSha: HEAD_SHA, status: 'completed', conclusion: 'failure', title: '2 findings', summary: 'Two problems.', annotations, actions: [{ label: 'Fix with ATQOS', description: 'Let ATQOS fix these', identifier: 'fix' }] }],
    issues: [
      { fingerprint: FP1, state: 'open', title: 'Flaky: test_api', body: `Sleeps.\n\n<!-- atqos:finding=${FP1} -->`, labels: ['flaky'], kind: 'flaky_test', severity: 'medium', reopenComment: 'It is back.' },
      { fingerprint: FP2, state: 'open', title: 'Failing: test_math', body: `Fails.\n\n<!-- atqos:finding=${FP2} -->`, labels: [], kind: 'test_failure', severity: 'low', closeComment: 'Gone.' },
    ],
    pullRequests: [{
      taskId: 'task-1', branch: BRANCH, base: 'main', baseSha: BASE_SHA, title: 'Fix flaky test_api', body: `Removes the sleep.\n\n<!-- atqos:task=${BRANCH} -->`,
      labels: ['atqos:fix'], commitMessage: 'test: remove sleep\n\nATQOS-Task: task-1', fixes: [FP1],
      files: [{ action: 'write', path: 'tests/test_api.py', contentBase64: b64(FIXED_TEST) }, { action: 'delete', path: 'tests/old_helper.py' }],
    }],
    dashboard: { title: 'ATQOS dashboard', body: '<!-- atqos:dashboard -->\n\n| finding | state |', labels: [] },
    ...overrides,
  };
}

/** Every label the fixture plan uses, as GitHub lists them once they exist. */
export const ALL_LABELS = ['atqos', 'flaky', 'atqos:fix'].map((name, i) => ({ id: 500 + i, name, color: '5319e7', default: false }));

export const REF_PATH = `${R}/git/ref/${encodeURIComponent(`heads/${BRANCH}`)}`;
