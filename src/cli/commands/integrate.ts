import { resolveRepo, stderrLogger } from '../../engine/index.js';
import type { RunOutcome } from '../../engine/index.js';
import { integrateMatrix } from '../../engine/matrix/index.js';
import type { CollectedAttempts } from '../../engine/matrix/index.js';
import { writePublishPlan } from '../../engine/publish/index.js';
import { AtqosError } from '../../core/index.js';
import { registry } from '../../../plugins/index.js';
import type { Logger } from '../../plugin/contract.js';
import { SecretScrubber, scrubText, setRunScrubber } from '../../secrets/index.js';
import { parseCommandArgs } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { INTEGRATE_HELP } from '../help.js';
import { interruptSignal } from '../interrupt.js';
import { exitCodeFor, outcomeJson, outcomeText } from '../print-outcome.js';
import { defaultBranch, parseRepoRef } from '../publish-run.js';

const FLAGS = {
  plan: { type: 'string' }, attempts: { type: 'string', multiple: true }, repo: { type: 'string' }, 'expect-all': { type: 'boolean' },
  github: { type: 'string' }, 'head-sha': { type: 'string' }, base: { type: 'string' }, 'report-url': { type: 'string' },
  json: { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' }, verbose: { type: 'boolean' },
} as const;

function problems(c: CollectedAttempts): string[] {
  return [
    ...c.missing.map((t) => `not attempted: task ${t} (no usable attempt artifact holds it; re-run its job)`),
    ...c.rejected.map((r) => `rejected artifact ${r.artifact}: ${r.reason}`),
    ...c.duplicated.map((d) => `duplicated: task ${d.task} is in ${[d.used, ...d.ignored].join(', ')}; used ${d.used}`),
  ];
}

/** Publish plan, as the single-job Action writes it, when the GitHub repository is known. */
async function writePlan(outcome: RunOutcome, github: string | undefined, values: { base?: string; 'head-sha'?: string; 'report-url'?: string }, log: Logger): Promise<string | undefined> {
  if (!github || outcome.run.status !== 'finished') return undefined;
  const written = await writePublishPlan({
    repoDir: outcome.run.repo, runDir: outcome.runDir,
    context: { repo: parseRepoRef(github), baseBranch: values.base ?? (await defaultBranch(outcome.run.repo)), ...(values['head-sha'] ? { headSha: values['head-sha'] } : {}), ...(values['report-url'] ? { reportUrl: values['report-url'] } : {}) },
  });
  for (const note of written.notes) log.warn({ note }, 'left out of the publish plan');
  return written.file;
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
  const github = values.github ?? (process.env.GITHUB_REPOSITORY || undefined);
  if (github) parseRepoRef(github);
  setRunScrubber(SecretScrubber.fromEnv(process.env));
  const log = stderrLogger({ quiet: values.quiet, verbose: values.verbose });
  const interrupt = interruptSignal();
  try {
    const { outcome, collected } = await integrateMatrix({ planDir: values.plan, attemptDirs, repoDir, registry, signal: interrupt.signal, log });
    const planFile = await writePlan(outcome, github, values, log);
    const issues = problems(collected);
    for (const line of issues) process.stderr.write(scrubText(`atqos integrate: ${line}\n`));
    const json = { ...outcomeJson(outcome), publishPlan: planFile ?? null, matrix: { notAttempted: collected.missing, rejected: collected.rejected, duplicated: collected.duplicated } };
    process.stdout.write(scrubText(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${outcomeText(outcome)}${issues.map((l) => `${l}\n`).join('')}${planFile ? `publish plan: ${planFile}\n` : ''}`));
    return exitFor(outcome, collected, values['expect-all'] ?? false);
  } finally {
    interrupt.dispose();
  }
}

/** As `atqos run`; tasks left unattempted are never green, and fail outright with --expect-all. */
function exitFor(outcome: RunOutcome, c: CollectedAttempts, expectAll: boolean): number {
  const code = exitCodeFor(outcome);
  const incomplete = c.missing.length > 0;
  if (!incomplete || code === EXIT.internal || code === EXIT.interrupted) return code;
  if (expectAll) return EXIT.error;
  return Math.max(code, EXIT.red);
}
