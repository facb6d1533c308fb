import path from 'node:path';
import { createHash } from 'node:crypto';
import { AtqosError } from '../../core/index.js';
import { resolveRepo, stderrLogger } from '../../engine/index.js';
import { attemptFromPlan } from '../../engine/matrix/index.js';
import { registry } from '../../../plugins/index.js';
import { SecretScrubber, scrubText, setRunScrubber } from '../../secrets/index.js';
import { parseCommandArgs } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { ATTEMPT_HELP } from '../help.js';
import { interruptSignal } from '../interrupt.js';

const FLAGS = {
  plan: { type: 'string' }, task: { type: 'string', multiple: true }, out: { type: 'string' }, repo: { type: 'string' },
  json: { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' }, verbose: { type: 'boolean' },
} as const;

/** `atqos attempt --plan DIR --task ID...`: one matrix job's tasks, attempted from the plan artifact alone. */
export async function attemptCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('attempt', argv, FLAGS, true);
  if (values.help) {
    process.stdout.write(ATTEMPT_HELP);
    return EXIT.green;
  }
  // `--task "t-a t-b"` (a matrix entry as is), repeated --task, or ids after the flags.
  const taskIds = [...(values.task ?? []), ...positionals].flatMap((t) => t.split(/[\s,]+/)).filter(Boolean);
  if (!values.plan || taskIds.length === 0) throw new AtqosError('usage', 'atqos attempt needs --plan DIR and at least one --task ID', { hint: 'the ids are in the plan\'s matrix.json; run `atqos attempt --help`' });
  const repoDir = resolveRepo(values.repo ?? process.cwd());
  const jobKey = createHash('sha256').update([...taskIds].sort().join(' ')).digest('hex').slice(0, 8);
  setRunScrubber(SecretScrubber.fromEnv(process.env));
  const interrupt = interruptSignal();
  try {
    const { job, outDir } = await attemptFromPlan({
      planDir: values.plan, taskIds, repoDir, registry, signal: interrupt.signal, log: stderrLogger({ quiet: values.quiet, verbose: values.verbose }),
      outDir: path.resolve(values.out ?? path.join(repoDir, '.atqos', 'attempts', jobKey)),
    });
    const summary = { planRunId: job.planRunId, outDir, interrupted: job.interrupted, tasks: job.tasks, attempts: job.attempts.length, stopReason: job.stopReason ?? null };
    const text = [`attempt artifact: ${outDir} (plan run ${job.planRunId})`, ...job.tasks.map((t) => `  [${t.status}] ${t.id}${t.branch ? ` ${t.branch}` : ''}${t.reason ? ` — ${t.reason.slice(0, 200)}` : ''}`)].join('\n');
    process.stdout.write(scrubText(values.json ? `${JSON.stringify(summary, null, 2)}\n` : `${text}\n`));
    return job.interrupted ? EXIT.interrupted : EXIT.green;
  } finally {
    interrupt.dispose();
  }
}
