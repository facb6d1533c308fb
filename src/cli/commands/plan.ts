import path from 'node:path';
import { AtqosError } from '../../core/index.js';
import { loadConfig } from '../../config/index.js';
import { resolveRepo, stderrLogger } from '../../engine/index.js';
import { MAX_MATRIX_JOBS, planMatrix } from '../../engine/matrix/index.js';
import { checkAgentRouting } from '../../engine/remediate/index.js';
import { registry } from '../../../plugins/index.js';
import { SecretScrubber, scrubText, setRunScrubber } from '../../secrets/index.js';
import { parseCommandArgs } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { PLAN_HELP } from '../help.js';
import { interruptSignal } from '../interrupt.js';
import { exitCodeFor, outcomeText } from '../print-outcome.js';

const FLAGS = {
  matrix: { type: 'boolean' }, repo: { type: 'string' }, lane: { type: 'string' }, config: { type: 'string' }, 'changed-since': { type: 'string' },
  out: { type: 'string' }, 'max-jobs': { type: 'string' }, 'tasks-per-job': { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' }, verbose: { type: 'boolean' },
} as const;

function positiveInt(flag: string, text: string | undefined, fallback: number | undefined, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new AtqosError('usage', `--${flag} must be a whole number from 1 to ${max}, not "${text.slice(0, 40)}"`, { hint: `run \`atqos plan --help\`` });
  return n;
}

/** `atqos plan --matrix`: diagnose and plan, then write the plan artifact and the job matrix. */
export async function planCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('plan', argv, FLAGS);
  if (values.help) {
    process.stdout.write(PLAN_HELP);
    return EXIT.green;
  }
  if (!values.matrix) throw new AtqosError('usage', 'atqos plan needs --matrix (the only plan output so far)', { hint: 'run `atqos plan --matrix --out DIR`; for a single job use `atqos run`' });
  const maxJobs = positiveInt('max-jobs', values['max-jobs'], 16, MAX_MATRIX_JOBS) as number;
  const tasksPerJob = positiveInt('tasks-per-job', values['tasks-per-job'], undefined);
  const repoDir = resolveRepo(values.repo ?? process.cwd());
  checkAgentRouting(loadConfig(repoDir, values.config).config.agents, repoDir);
  setRunScrubber(SecretScrubber.fromEnv(process.env));
  const interrupt = interruptSignal();
  try {
    const planned = await planMatrix({
      repoDir, registry, lane: values.lane, configPath: values.config, signal: interrupt.signal, log: stderrLogger({ quiet: values.quiet, verbose: values.verbose }),
      outDir: path.resolve(values.out ?? 'atqos-plan'), maxJobs, ...(tasksPerJob ? { tasksPerJob } : {}),
      ...(values['changed-since'] !== undefined ? { changedSince: values['changed-since'] } : {}),
    });
    if (!planned.plan || !planned.matrix) {
      process.stderr.write(scrubText(outcomeText(planned.outcome)));
      return exitCodeFor(planned.outcome);
    }
    const { plan, matrix } = planned;
    if (values.json) process.stdout.write(`${JSON.stringify(matrix)}\n`);
    else {
      process.stdout.write(scrubText(outcomeText(planned.outcome)));
      process.stdout.write(`plan artifact: ${planned.outDir} (run ${plan.runId} at ${plan.baseSha})\nmatrix: ${plan.jobs.length} job(s) for ${plan.attemptable} of ${plan.tasks.length} task(s)\n`);
      for (const j of matrix.include) process.stdout.write(`  job ${j.job}: ${j.tasks}\n`);
    }
    return EXIT.green;
  } finally {
    interrupt.dispose();
  }
}
