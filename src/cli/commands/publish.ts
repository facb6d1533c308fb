import type { PublishPlan } from '../../github/index.js';
import { formatPublishResult } from '../../github/index.js';
import { stderrLogger } from '../../engine/index.js';
import { AtqosError } from '../../core/index.js';
import { parseCommandArgs } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { PUBLISH_HELP } from '../help.js';
import { publishRun } from '../publish-run.js';
import type { PublishRunResult } from '../publish-run.js';

const FLAGS = {
  repo: { type: 'string' }, config: { type: 'string' }, github: { type: 'string' }, 'head-sha': { type: 'string' }, base: { type: 'string' },
  'report-url': { type: 'string' }, 'api-url': { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' },
} as const;

/** `atqos publish RUN_ID --github OWNER/REPO`: the run's publish plan, carried out on GitHub. */
export async function publishCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('publish', argv, FLAGS, true);
  if (values.help) {
    process.stdout.write(PUBLISH_HELP);
    return EXIT.green;
  }
  const [runId, ...extra] = positionals;
  if (!runId || extra.length) throw new AtqosError('usage', 'atqos publish needs exactly one run id', { hint: '`atqos runs list` shows the ids; a unique prefix is enough' });
  if (!values.github) throw new AtqosError('usage', 'atqos publish needs --github OWNER/REPO', { hint: 'name the GitHub repository the run is for, e.g. --github acme/shop' });
  const token = process.env.ATQOS_GITHUB_TOKEN || process.env.GITHUB_TOKEN || undefined;
  const apiUrl = values['api-url'] ?? (process.env.GITHUB_API_URL || undefined);
  const out = await publishRun({
    repoDir: values.repo ?? process.cwd(), runId, configPath: values.config, github: values.github, dryRun: values['dry-run'] ?? false, log: stderrLogger({ quiet: values.quiet }),
    ...(values['head-sha'] ? { headSha: values['head-sha'] } : {}), ...(values.base ? { baseBranch: values.base } : {}),
    ...(values['report-url'] ? { reportUrl: values['report-url'] } : {}), ...(token ? { token } : {}), ...(apiUrl ? { apiUrl } : {}),
  });
  process.stdout.write(values.json ? `${JSON.stringify(publishJson(out), null, 2)}\n` : publishText(out));
  return out.result && !out.result.ok ? EXIT.red : EXIT.green;
}

function publishJson(out: PublishRunResult) {
  return { runId: out.plan.runId, planFile: out.file, summary: planSummary(out.plan), notes: out.notes, result: out.result ?? null };
}

function publishText(out: PublishRunResult): string {
  const lines = [`publish plan: ${out.file}`, ...out.notes.map((n) => `note: ${n}`)];
  if (out.result) lines.push(formatPublishResult(out.result));
  else lines.push(...planLines(out.plan), 'dry run without a token: GitHub was not asked what exists; set GITHUB_TOKEN to see what would change');
  return `${lines.join('\n')}\n`;
}

/** Counts of what the plan asks for, by kind. */
export function planSummary(plan: PublishPlan) {
  return {
    checkRuns: plan.checkRuns.length,
    issuesOpen: plan.issues.filter((i) => i.state === 'open').length,
    issuesClosed: plan.issues.filter((i) => i.state === 'closed').length,
    pullRequests: plan.pullRequests.length,
    dashboard: plan.dashboard !== undefined,
  };
}

function planLines(plan: PublishPlan): string[] {
  const s = planSummary(plan);
  const safe = (t: string) => JSON.stringify(t).slice(1, -1);
  return [
    `${plan.repo.owner}/${plan.repo.repo}: ${s.checkRuns} check run(s), ${s.issuesOpen} issue(s) to open or update, ${s.issuesClosed} to close, ${s.pullRequests} pull request(s)${s.dashboard ? ', the dashboard' : ''}`,
    ...plan.checkRuns.map((c) => `  check run     ${safe(c.name)}: ${safe(c.title)} (${c.conclusion ?? c.status})`),
    ...plan.issues.map((i) => `  issue ${i.state.padEnd(7)} ${safe(i.title)}`),
    ...plan.pullRequests.map((p) => `  pull request  ${p.branch} → ${p.base}: ${safe(p.title)} (${p.files.length} file(s))`),
  ];
}
