import type { PublishPlan, PublishResult } from '../../github/index.js';

/** A plan the App carried out for a workflow run, and what carrying it out did. */
export interface PublishedPlan {
  plan: PublishPlan;
  result: PublishResult;
}

/** The finished run a message is about. */
export interface FinishedRun {
  repo: string;
  /** `diagnose`/`run` and the lane, when the run name says so. */
  command?: string;
  lane?: string;
  conclusion: string;
  url: string;
}

// Slack's mrkdwn: only these three are special in text; titles come from test output and users.
const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const link = (url: string, text: string) => `<${url.replace(/[<>|]/g, encodeURIComponent)}|${esc(text)}>`;
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "ATQOS diagnose (lane pr) on o/r finished: failure — 1 failing finding. Issues: 1 opened. Run" */
export function runFinishedText(run: FinishedRun, published: PublishedPlan[]): string {
  const what = run.command ? `ATQOS ${esc(run.command)}${run.lane ? ` (lane ${esc(run.lane)})` : ''}` : 'ATQOS';
  const titles = published.flatMap((p) => p.plan.checkRuns.map((c) => c.title));
  const parts = [`${what} on ${esc(run.repo)} finished: *${esc(run.conclusion)}*${titles.length ? ` — ${esc(titles.join('; '))}` : ''}.`];
  const actions = published.flatMap((p) => p.result.actions);
  const n = (kind: string, action: string) => actions.filter((a) => a.kind === kind && a.action === action).length;
  const issues = [['created', 'opened'], ['reopened', 'reopened'], ['closed', 'closed']]
    .map(([action, word]) => [n('issue', action as string), word] as const)
    .filter(([k]) => k > 0)
    .map(([k, word]) => `${k} ${word}`);
  if (issues.length) parts.push(`Issues: ${issues.join(', ')}.`);
  const prs = n('pull_request', 'created') + n('pull_request', 'updated');
  if (prs) parts.push(`Fix PRs: ${prs} opened or updated.`);
  const errors = published.reduce((sum, p) => sum + p.result.errors.length, 0);
  if (errors) parts.push(`${count(errors, 'object')} could not be published.`);
  if (!published.length) parts.push('Nothing was published.');
  parts.push(link(run.url, 'Workflow run'));
  return parts.join(' ');
}

/** Blocker findings whose issue this publish created or reopened. */
export function newBlockers(published: PublishedPlan[]): { title: string; url?: string }[] {
  return published.flatMap(({ plan, result }) => {
    const appeared = new Map(result.actions
      .filter((a) => a.kind === 'issue' && (a.action === 'created' || a.action === 'reopened') && !a.dryRun)
      .map((a) => [a.key, a.url]));
    return plan.issues
      .filter((i) => i.severity === 'blocker' && i.state === 'open' && appeared.has(i.fingerprint))
      .map((i) => ({ title: i.title, ...(appeared.get(i.fingerprint) ? { url: appeared.get(i.fingerprint) as string } : {}) }));
  });
}

export function newBlockersText(repo: string, blockers: { title: string; url?: string }[], runUrl: string): string {
  const items = blockers.map((b) => `• ${b.url ? link(b.url, b.title) : esc(b.title)}`);
  return [`ATQOS found ${count(blockers.length, 'new blocker finding')} in ${esc(repo)} (${link(runUrl, 'workflow run')}):`, ...items].join('\n');
}
