import { resolveRepo, stderrLogger } from '../../engine/index.js';
import type { RunOutcome } from '../../engine/index.js';
import { integrateMatrix } from '../../engine/matrix/index.js';
import type { CollectedAttempts } from '../../engine/matrix/index.js';
import { AtqosError } from '../../core/index.js';
import { registry } from '../../../plugins/index.js';
import { SecretScrubber, scrubText, setRunScrubber } from '../../secrets/index.js';
import { parseCommandArgs } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { INTEGRATE_HELP } from '../help.js';
import { interruptSignal } from '../interrupt.js';
import { exitCodeFor, outcomeJson, outcomeText } from '../print-outcome.js';
import { githubRepoOf, PUBLISH_PLAN_FLAGS, writeMatrixPublishPlan } from '../matrix-publish-plan.js';

const FLAGS = {
  plan: { type: 'string' }, attempts: { type: 'string', multiple: true }, repo: { type: 'string' }, 'expect-all': { type: 'boolean' },
  ...PUBLISH_PLAN_FLAGS,
  json: { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' }, verbose: { type: 'boolean' },
} as const;

export function problems(c: CollectedAttempts): string[] {
  return [
    ...c.interrupted.map((i) => `interrupted: artifact ${i.artifact} comes from a job that was cancelled or timed out${i.unfinished.length ? `; it did not finish task(s) ${i.unfinished.join(', ')}` : ' after finishing its tasks'}`),
    ...c.missing.map((t) => `not attempted: task ${t} (${c.interrupted.some((i) => i.unfinished.includes(t)) ? 'its job was interrupted before finishing it' : 'no usable attempt artifact holds it'}; re-run its job)`),
    ...c.rejected.map((r) => `rejected artifact ${r.artifact}: ${r.reason}`),
    ...c.duplicated.map((d) => `duplicated: task ${d.task} is in ${[d.used, ...d.ignored].join(', ')}; used ${d.used}`),
  ];
}

/** `atqos integrate --plan DIR --attempts DIR...`: one run from a plan and its matrix jobs' artifacts. */
export async function integrateCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('integrate', argv, FLAGS, true);
  if (values.help) {
    process.stdout.write(INTEGRATE_HELP);
    return EXIT.green;
  }
  const attemptDirs = [...(values.attempts ?? []), ...positionals];
  if (!values.plan) throw new AtqosError('usage', 'atqos integrate needs --plan DIR', { hint: 'pass the plan artifact `atqos plan --matrix --out DIR` wrote, and the attempt artifacts with --attempts' });
  const repoDir = resolveRepo(values.repo ?? process.cwd());
  const github = githubRepoOf(values);
  setRunScrubber(SecretScrubber.fromEnv(process.env));
  const log = stderrLogger({ quiet: values.quiet, verbose: values.verbose });
  const interrupt = interruptSignal();
  try {
    const { outcome, collected } = await integrateMatrix({ planDir: values.plan, attemptDirs, repoDir, registry, signal: interrupt.signal, log });
    const planFile = await writeMatrixPublishPlan(outcome, github, values, log);
    const issues = problems(collected);
    for (const line of issues) process.stderr.write(scrubText(`atqos integrate: ${line}\n`));
    const json = { ...outcomeJson(outcome), publishPlan: planFile ?? null, matrix: { notAttempted: collected.missing, interrupted: collected.interrupted, rejected: collected.rejected, duplicated: collected.duplicated } };
    process.stdout.write(scrubText(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${outcomeText(outcome)}${issues.map((l) => `${l}\n`).join('')}${planFile ? `publish plan: ${planFile}\n` : ''}`));
    return exitFor(outcome, collected, values['expect-all'] ?? false);
  } finally {
    interrupt.dispose();
  }
}

/** As `atqos run`; tasks left unattempted are never green, and fail outright with --expect-all. */
export function exitFor(outcome: RunOutcome, c: CollectedAttempts, expectAll: boolean): number {
  const code = exitCodeFor(outcome);
  const incomplete = c.missing.length > 0;
  if (!incomplete || code === EXIT.internal || code === EXIT.interrupted) return code;
  if (expectAll) return EXIT.error;
  return Math.max(code, EXIT.red);
}
