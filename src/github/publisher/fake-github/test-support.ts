import nock from 'nock';
import { GitStore } from '../fake-git/test-support.js';

/*
 * A stateful fake of the GitHub REST endpoints the Publisher uses, behind nock: what one publish
 * creates, the next one finds. Every request is logged; one it does not know is answered 501 and
 * logged in `unknown`, so a spec can assert there were none.
 */

type Json = Record<string, unknown>;
interface Label { name: string }
export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
  comments: string[];
  pull?: { head: string; base: string; merged: boolean };
}
export interface FakeCheckRun {
  id: number;
  head_sha: string;
  name: string;
  status: string;
  conclusion: string | null;
  details_url: string | null;
  external_id: string | null;
  output: Json;
  annotations: unknown[];
  /** Annotations sent with each create/update request, in order. */
  requests: number[];
}
type Handler = (m: RegExpExecArray, body: Json, query: URLSearchParams) => [number, unknown];

export class FakeGitHub {
  readonly git = new GitStore();
  readonly labels: Label[] = [];
  readonly issues = new Map<number, FakeIssue>();
  readonly checkRuns = new Map<number, FakeCheckRun>();
  readonly requests: { method: string; path: string }[] = [];
  readonly unknown: string[] = [];
  private nextIssue = 1;
  private nextCheck = 100;
  private readonly routes: [string, RegExp, Handler][];

  constructor(readonly api: string, readonly owner: string, readonly repo: string) {
    const r = `^/repos/${owner}/${repo}`;
    this.routes = [
      ['GET', new RegExp(`${r}/labels$`), () => [200, this.labels]],
      ['POST', new RegExp(`${r}/labels$`), (_m, b) => (this.labels.push({ name: String(b.name) }), [201, b])],
      ['GET', new RegExp(`${r}/commits/(\\w+)/check-runs$`), (m, _b, q) => [200, this.listChecks(m[1] as string, q.get('check_name'))]],
      ['POST', new RegExp(`${r}/check-runs$`), (_m, b) => [201, this.checkView(this.createCheck(b))]],
      ['PATCH', new RegExp(`${r}/check-runs/(\\d+)$`), (m, b) => this.updateCheck(Number(m[1]), b)],
      ['GET', new RegExp(`${r}/issues$`), (_m, _b, q) => [200, [...this.issues.values()].filter((i) => i.labels.includes(q.get('labels') ?? '')).map((i) => this.issueView(i))]],
      ['POST', new RegExp(`${r}/issues$`), (_m, b) => [201, this.issueView(this.createIssue(b))]],
      ['PATCH', new RegExp(`${r}/(?:issues|pulls)/(\\d+)$`), (m, b) => this.withIssue(m, (i) => (Object.assign(i, pick(b, ['title', 'body', 'state', 'labels'])), this.issueView(i)))],
      ['POST', new RegExp(`${r}/issues/(\\d+)/comments$`), (m, b) => this.withIssue(m, (i) => (i.comments.push(String(b.body)), { id: i.comments.length }), 201)],
      ['POST', new RegExp(`${r}/issues/(\\d+)/labels$`), (m, b) => this.withIssue(m, (i) => (i.labels = [...new Set([...i.labels, ...(b.labels as string[])])]).map((name) => ({ name })))],
      ['GET', new RegExp(`${r}/pulls$`), (_m, _b, q) => [200, this.pulls().filter((i) => `${owner}:${i.pull?.head}` === q.get('head')).map((i) => this.pullView(i))]],
      ['POST', new RegExp(`${r}/pulls$`), (_m, b) => [201, this.pullView(this.createIssue({ ...b, labels: [] }, { head: String(b.head), base: String(b.base), merged: false }))]],
      ['GET', new RegExp(`${r}/git/commits/(\\w+)$`), (m) => this.found(this.git.commits.get(m[1] as string), (c) => ({ sha: c.sha, tree: { sha: c.tree }, parents: c.parents.map((sha) => ({ sha })), message: c.message }))],
      ['POST', new RegExp(`${r}/git/commits$`), (_m, b) => [201, { sha: this.git.createCommit(String(b.tree), b.parents as string[], String(b.message)).sha }]],
      ['GET', new RegExp(`${r}/git/trees/(\\w+)$`), (m) => this.found(this.git.readTree(m[1] as string), (t) => t)],
      ['POST', new RegExp(`${r}/git/trees$`), (_m, b) => [201, { sha: this.git.buildTree(b.base_tree as string, b.tree as { path: string; mode: string; sha: string | null }[]) }]],
      ['POST', new RegExp(`${r}/git/blobs$`), (_m, b) => [201, { sha: this.git.writeBlob(String(b.content)) }]],
      ['GET', new RegExp(`${r}/git/ref/(.+)$`), (m) => this.found(this.git.refs.get(decodeURIComponent(m[1] as string)), (sha) => ({ object: { sha, type: 'commit' } }))],
      ['POST', new RegExp(`${r}/git/refs$`), (_m, b) => (this.git.refs.set(String(b.ref).replace(/^refs\//, ''), String(b.sha)), [201, { object: { sha: b.sha } }])],
      ['PATCH', new RegExp(`${r}/git/refs/(.+)$`), (m, b) => (this.git.refs.set(decodeURIComponent(m[1] as string), String(b.sha)), [200, { object: { sha: b.sha } }])],
    ];
  }

  /** Answers every request to the API from the fake until `nock.cleanAll()`. */
  listen(): this {
    for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) {
      nock(this.api).persist().intercept(/.*/, method).reply((uri, body) => this.handle(method, uri, body as Json | undefined));
    }
    return this;
  }

  private handle(method: string, uri: string, body: Json | undefined): [number, unknown] {
    const url = new URL(uri, this.api);
    this.requests.push({ method, path: url.pathname });
    for (const [m, re, handler] of this.routes) {
      const match = m === method ? re.exec(url.pathname) : null;
      if (match) return handler(match, body ?? {}, url.searchParams);
    }
    this.unknown.push(`${method} ${url.pathname}`);
    return [501, { message: `the fake GitHub does not know ${method} ${url.pathname}` }];
  }

  /** Requests since `from` (an index into `requests`), as `METHOD path` lines. */
  since(from: number): string[] {
    return this.requests.slice(from).map((r) => `${r.method} ${r.path}`);
  }

  pulls(): FakeIssue[] {
    return [...this.issues.values()].filter((i) => i.pull);
  }

  private createIssue(b: Json, pull?: FakeIssue['pull']): FakeIssue {
    const issue: FakeIssue = { number: this.nextIssue++, title: String(b.title), body: String(b.body ?? ''), state: 'open', labels: (b.labels as string[] | undefined) ?? [], comments: [], ...(pull ? { pull } : {}) };
    this.issues.set(issue.number, issue);
    return issue;
  }

  private withIssue(m: RegExpExecArray, change: (i: FakeIssue) => unknown, status = 200): [number, unknown] {
    return this.found(this.issues.get(Number(m[1])), change, status);
  }

  private found<T>(thing: T | undefined, view: (t: T) => unknown, status = 200): [number, unknown] {
    return thing === undefined ? [404, { message: 'Not Found' }] : [status, view(thing)];
  }

  private issueView(i: FakeIssue): Json {
    const kind = i.pull ? 'pull' : 'issues';
    return {
      number: i.number, html_url: `https://github.com/${this.owner}/${this.repo}/${kind}/${i.number}`, state: i.state, title: i.title, body: i.body,
      labels: i.labels.map((name) => ({ name })), ...(i.pull ? { pull_request: { merged_at: null } } : {}),
    };
  }

  private pullView(i: FakeIssue): Json {
    return { ...this.issueView(i), merged_at: null, head: { ref: i.pull?.head }, base: { ref: i.pull?.base } };
  }

  private createCheck(b: Json): FakeCheckRun {
    const run: FakeCheckRun = { id: this.nextCheck++, head_sha: String(b.head_sha), name: String(b.name), status: 'queued', conclusion: null, details_url: null, external_id: null, output: {}, annotations: [], requests: [] };
    this.checkRuns.set(run.id, run);
    this.applyCheck(run, b);
    return run;
  }

  private updateCheck(id: number, b: Json): [number, unknown] {
    return this.found(this.checkRuns.get(id), (run) => (this.applyCheck(run, b), this.checkView(run)));
  }

  private applyCheck(run: FakeCheckRun, b: Json): void {
    if (b.status) run.status = String(b.status);
    if (b.conclusion) run.conclusion = String(b.conclusion);
    if (b.details_url) run.details_url = String(b.details_url);
    if (b.external_id) run.external_id = String(b.external_id);
    const { annotations = [], ...output } = (b.output as Json | undefined) ?? {};
    run.output = { ...run.output, ...output };
    // GitHub appends annotations on every request; it never replaces them.
    run.annotations.push(...(annotations as unknown[]));
    run.requests.push((annotations as unknown[]).length);
  }

  private listChecks(sha: string, name: string | null): Json {
    const runs = [...this.checkRuns.values()].filter((c) => c.head_sha === sha && (!name || c.name === name));
    return { total_count: runs.length, check_runs: runs.map((c) => this.checkView(c)) };
  }

  private checkView(c: FakeCheckRun): Json {
    return {
      id: c.id, html_url: `https://github.com/${this.owner}/${this.repo}/runs/${c.id}`, status: c.status, conclusion: c.conclusion,
      details_url: c.details_url, external_id: c.external_id,
      output: { title: c.output.title ?? null, summary: c.output.summary ?? null, text: c.output.text ?? null, annotations_count: c.annotations.length },
    };
  }
}

function pick(b: Json, keys: string[]): Json {
  return Object.fromEntries(keys.filter((k) => b[k] !== undefined).map((k) => [k, b[k]]));
}
