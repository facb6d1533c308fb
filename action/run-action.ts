import path from 'node:path';
import { registry } from '../plugins/index.js';
import { interruptSignal } from '../src/cli/interrupt.js';
import { loadConfig } from '../src/config/index.js';
import { describeError } from '../src/core/index.js';
import { executeRun, resolveRepo } from '../src/engine/index.js';
import type { RunOutcome } from '../src/engine/index.js';
import { writePublishPlan } from '../src/engine/publish/index.js';
import { checkAgentRouting, remediationHook } from '../src/engine/remediate/index.js';
import type { Logger } from '../src/plugin/contract.js';
import { configFor } from './config-file.js';
import { readEvent } from './event.js';
import { readInputs } from './inputs.js';
import type { ActionInputs } from './inputs.js';
import { publishStandalone } from './publish-standalone.js';
import { jobSummary } from './summary.js';
import { SecretScrubber, setRunScrubber } from '../src/secrets/index.js';

/** What the Action needs from its host (`@actions/core` in `main.ts`). */
export interface ActionHost {
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  setSecret(value: string): void;
  writeSummary(markdown: string): Promise<void>;
  fail(message: string): void;
  log: Logger;
}

type Verdict = 'green' | 'red' | 'error' | 'fixed';

/**
 * The Action: inputs and event → one engine run → publish plan, outputs, job summary, and in
 * standalone mode the publishing itself; the step fails as `fail-on` says.
 */
export async function runAction(host: ActionHost, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const inputs = readInputs(host.getInput);
  if (inputs.githubToken) host.setSecret(inputs.githubToken);
  // Before the token leaves the environment: every artifact and log of this run is scrubbed of it.
  setRunScrubber(SecretScrubber.fromEnv(env, inputs.githubToken ? [{ name: 'github-token', value: inputs.githubToken }] : []));
  delete env['INPUT_GITHUB-TOKEN']; // the token stays in this process; no tool or agent can be handed it
  if (inputs.publish === 'standalone' && !inputs.githubToken) {
    throw new Error("input 'publish' is standalone but 'github-token' is empty; pass `github-token: ${{ secrets.GITHUB_TOKEN }}` or use publish: app");
  }
  const repoDir = resolveRepo(path.resolve(inputs.workingDirectory));
  const configPath = configFor(repoDir, inputs, env.RUNNER_TEMP || undefined);
  if (inputs.command === 'run') checkAgentRouting(loadConfig(repoDir, configPath).config.agents, repoDir);
  const event = readEvent(env);
  host.log.info({ event: event.event, pr: inputs.pr ?? event.pr ?? null, headSha: inputs.sha ?? event.headSha ?? null, baseBranch: event.baseBranch, request: event.request ?? null }, 'event');
  const interrupt = interruptSignal();
  let outcome: RunOutcome;
  try {
    outcome = await executeRun({
      repoDir, registry, command: inputs.command, lane: inputs.lane, configPath, signal: interrupt.signal, log: host.log,
      ...(inputs.command === 'run' ? { remediate: remediationHook() } : {}),
      ...(inputs.changedSince ? { changedSince: inputs.changedSince } : {}),
    });
  } finally {
    interrupt.dispose();
  }
  const planFile = await writePlan(host, inputs, env, outcome, inputs.sha ?? event.headSha, event.baseBranch);
  const verdict = verdictOf(outcome);
  setOutputs(host, outcome, planFile);
  await host.writeSummary(jobSummary(outcome, verdict.toUpperCase(), planFile));
  let publishFailed = false;
  if (inputs.publish === 'standalone' && planFile) {
    publishFailed = !(await publishStandalone(planFile, { token: inputs.githubToken as string, apiUrl: env.GITHUB_API_URL, dryRun: inputs.dryRun, log: host.log }));
  } else if (inputs.publish === 'standalone') publishFailed = true;
  const failed = inputs.failOn === 'never' ? false : publishFailed || verdict === 'error' || (inputs.failOn === 'red' && verdict === 'red');
  if (failed) host.fail(publishFailed ? 'ATQOS could not publish everything (see the log)' : `ATQOS: ${verdict} (fail-on: ${inputs.failOn}); see the job summary`);
}

/** As `atqos run` exits: red before but nothing failing at a trustworthy checkpoint is `fixed`. */
function verdictOf(outcome: RunOutcome): Verdict {
  if (outcome.run.status !== 'finished') return 'error';
  const conclusion = outcome.run.conclusion ?? 'error';
  return conclusion === 'red' && outcome.remediation?.failingAfter === 0 ? 'fixed' : conclusion;
}

async function writePlan(host: ActionHost, inputs: ActionInputs, env: NodeJS.ProcessEnv, outcome: RunOutcome, headSha: string | undefined, baseBranch: string): Promise<string | undefined> {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) {
    if (inputs.publish !== 'none') host.log.warn({}, 'GITHUB_REPOSITORY is not set, so no publish plan was written');
    return undefined;
  }
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  const reportUrl = env.GITHUB_RUN_ID ? `${server}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  try {
    const written = await writePublishPlan({ repoDir: outcome.run.repo, runDir: outcome.runDir, context: { repo: { owner, repo }, baseBranch, ...(headSha ? { headSha } : {}), ...(reportUrl ? { reportUrl } : {}) } });
    for (const note of written.notes) host.log.warn({ note }, 'left out of the publish plan');
    return written.file;
  } catch (err) {
    host.log.warn({ error: describeError(err) }, 'could not write the publish plan');
    return undefined;
  }
}

function setOutputs(host: ActionHost, outcome: RunOutcome, planFile: string | undefined): void {
  const report = outcome.remediation?.report as { accepted?: unknown[] } | undefined;
  const outputs: Record<string, string | number> = {
    'run-id': outcome.run.id, 'run-dir': outcome.runDir, conclusion: outcome.run.conclusion ?? 'error', findings: outcome.findings.length,
    failed: (outcome.run.counts?.failed ?? 0) + (outcome.run.counts?.errors ?? 0), passed: outcome.run.counts?.passed ?? 0,
    tasks: outcome.tasks.length, accepted: report?.accepted?.length ?? 0, 'publish-plan': planFile ?? '',
  };
  for (const [name, value] of Object.entries(outputs)) host.setOutput(name, String(value));
}
