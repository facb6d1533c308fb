import path from 'node:path';
import { AtqosError } from '../../core/index.js';
import { loadConfig } from '../../config/index.js';
import { resolveRepo, stderrLogger } from '../../engine/index.js';
import { finishInPlanJob, MAX_MATRIX_JOBS, planMatrix } from '../../engine/matrix/index.js';
import type { IntegratedMatrix, Matrix, MatrixPlan } from '../../engine/matrix/index.js';
import { checkAgentRouting } from '../../engine/remediate/index.js';
import type { Logger } from '../../plugin/contract.js';
import { registry } from '../../../plugins/index.js';
import { SecretScrubber, scrubText, setRunScrubber } from '../../secrets/index.js';
import { parseCommandArgs } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { PLAN_HELP } from '../help.js';
import { interruptSignal } from '../interrupt.js';
import { githubRepoOf, PUBLISH_PLAN_FLAGS, writeMatrixPublishPlan } from '../matrix-publish-plan.js';
import type { PublishPlanValues } from '../matrix-publish-plan.js';
import { exitCodeFor, outcomeJson, outcomeText } from '../print-outcome.js';
import { exitFor, problems } from './integrate.js';

const FLAGS = {
  matrix: { type: 'boolean' }, repo: { type: 'string' }, lane: { type: 'string' }, config: { type: 'string' }, 'changed-since': { type: 'string' },
  out: { type: 'string' }, 'max-jobs': { type: 'string' }, 'tasks-per-job': { type: 'string' }, 'single-below': { type: 'string' },
  ...PUBLISH_PLAN_FLAGS, json: { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' }, verbose: { type: 'boolean' },
} as const;

function wholeNumber(flag: string, text: string | undefined, fallback: number | undefined, min = 1, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new AtqosError('usage', `--${flag} must be a whole number from ${min} to ${max}, not "${text.slice(0, 40)}"`, { hint: `run \`atqos plan --help\`` });
  return n;
}

/** The run finished in the plan job (--single-below): where it is, and how it ended. */
interface Local {
  integrated: IntegratedMatrix;
  publishPlan: string | undefined;
  exitCode: number;
}

/**
 * `--json`: what a workflow's plan step needs. `matrix` is what to fan out (empty when the run
 * finished here), `jobs` its length, `local` the run when it was finished here.
 */
function planJson(plan: MatrixPlan, matrix: Matrix, planDir: string, local: Local | undefined) {
  const out = local?.integrated.outcome;
  return {
    runId: plan.runId, baseSha: plan.baseSha, lane: plan.lane, planDir, tasks: plan.tasks.length, attemptable: plan.attemptable,
    matrix, jobs: matrix.include.length,
    // The finished run as `atqos integrate --json` prints it.
    local: local && out ? { ...outcomeJson(out), exitCode: local.exitCode, publishPlan: local.publishPlan ?? null, matrix: { notAttempted: local.integrated.collected.missing } } : null,
  };
}

async function finishHere(plan: MatrixPlan, planDir: string, repoDir: string, publish: { github: string | undefined; values: PublishPlanValues }, signal: AbortSignal, log: Logger): Promise<Local> {
  const integrated = await finishInPlanJob({ plan, planDir, repoDir, registry, signal, log });
  const publishPlan = await writeMatrixPublishPlan(integrated.outcome, publish.github, publish.values, log);
  for (const line of problems(integrated.collected)) process.stderr.write(scrubText(`atqos plan: ${line}\n`));
  return { integrated, publishPlan, exitCode: exitFor(integrated.outcome, integrated.collected, false) };
}

/** `atqos plan --matrix`: diagnose and plan, then write the plan artifact and the job matrix (or, when small, finish the run here). */
export async function planCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('plan', argv, FLAGS);
  if (values.help) {
    process.stdout.write(PLAN_HELP);
    return EXIT.green;
  }
  if (!values.matrix) throw new AtqosError('usage', 'atqos plan needs --matrix (the only plan output so far)', { hint: 'run `atqos plan --matrix --out DIR`; for a single job use `atqos run`' });
  const maxJobs = wholeNumber('max-jobs', values['max-jobs'], 16, 1, MAX_MATRIX_JOBS) as number;
  const tasksPerJob = wholeNumber('tasks-per-job', values['tasks-per-job'], undefined);
  const singleBelow = wholeNumber('single-below', values['single-below'], 0, 0) as number;
  const repoDir = resolveRepo(values.repo ?? process.cwd());
  const github = githubRepoOf(values);
  checkAgentRouting(loadConfig(repoDir, values.config).config.agents, repoDir);
  setRunScrubber(SecretScrubber.fromEnv(process.env));
  const interrupt = interruptSignal();
  const log = stderrLogger({ quiet: values.quiet, verbose: values.verbose });
  try {
    const planned = await planMatrix({
      repoDir, registry, lane: values.lane, configPath: values.config, signal: interrupt.signal, log,
      outDir: path.resolve(values.out ?? 'atqos-plan'), maxJobs, ...(tasksPerJob ? { tasksPerJob } : {}),
      ...(values['changed-since'] !== undefined ? { changedSince: values['changed-since'] } : {}),
    });
    if (!planned.plan || !planned.matrix) {
      process.stderr.write(scrubText(outcomeText(planned.outcome)));
      return exitCodeFor(planned.outcome);
    }
    const { plan } = planned;
    // Below the threshold a matrix costs more (runner start-up, artifact round trips) than it saves.
    const local = plan.attemptable < singleBelow ? await finishHere(plan, planned.outDir, repoDir, { github, values }, interrupt.signal, log) : undefined;
    const matrix: Matrix = local ? { include: [] } : planned.matrix;
    if (values.json) process.stdout.write(scrubText(`${JSON.stringify(planJson(plan, matrix, planned.outDir, local))}\n`));
    else process.stdout.write(scrubText(planText(plan, matrix, planned.outDir, local)));
    return local ? local.exitCode : EXIT.green;
  } finally {
    interrupt.dispose();
  }
}

function planText(plan: MatrixPlan, matrix: Matrix, planDir: string, local: Local | undefined): string {
  const head = `plan artifact: ${planDir} (run ${plan.runId} at ${plan.baseSha})\n`;
  if (local) {
    const { outcome } = local.integrated;
    return `${outcomeText(outcome)}${head}finished in this job: ${plan.attemptable} task(s), below --single-below; run directory ${outcome.runDir}\n${local.publishPlan ? `publish plan: ${local.publishPlan}\n` : ''}`;
  }
  return `${head}matrix: ${matrix.include.length} job(s) for ${plan.attemptable} of ${plan.tasks.length} task(s)\n${matrix.include.map((j) => `  job ${j.job}: ${j.tasks}\n`).join('')}`;
}
