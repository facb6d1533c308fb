import { executeRun, resolveRepo, resumeRun, stderrLogger } from '../engine/index.js';
import type { RemediateHook, RunOutcome } from '../engine/index.js';
import type { Logger } from '../plugin/contract.js';
import { registry } from '../../plugins/index.js';
import { parseCommandArgs } from './args.js';
import { interruptSignal } from './interrupt.js';
import { exitCodeFor, outcomeJson, outcomeText } from './print-outcome.js';
import { EXIT } from './exit-codes.js';
import { SecretScrubber, scrubText, setRunScrubber } from '../secrets/index.js';

export interface EngineCommand {
  name: 'diagnose' | 'run' | 'resume';
  help: string;
  /** Checks before anything runs (config the engine would only meet later). */
  precheck?: (repoDir: string, configPath: string | undefined) => void;
  remediate?: RemediateHook;
}

const FLAGS = {
  repo: { type: 'string' },
  lane: { type: 'string' },
  'changed-since': { type: 'string' },
  config: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean' },
} as const;

/**
 * `diagnose`, `run` and `resume`: the same flags, lifecycle and output. `run` adds remediation;
 * `resume RUN_ID` continues a stopped run instead of starting one.
 */
export async function engineCommand(spec: EngineCommand, argv: string[]): Promise<number> {
  const resume = spec.name === 'resume';
  const { values, positionals } = parseCommandArgs(spec.name, argv, FLAGS, resume);
  if (values.help) {
    process.stdout.write(spec.help);
    return EXIT.green;
  }
  const repoDir = resolveRepo(values.repo ?? process.cwd());
  const runId = positionals[0];
  if (resume && (positionals.length !== 1 || !runId)) {
    process.stderr.write(`atqos resume: give exactly one run id (see \`atqos runs list\`)\n`);
    return EXIT.usage;
  }
  spec.precheck?.(repoDir, values.config);
  // One scrubber for the whole run, from the environment the run starts with.
  setRunScrubber(SecretScrubber.fromEnv(process.env));
  const interrupt = interruptSignal();
  const log: Logger = stderrLogger({ quiet: values.quiet, verbose: values.verbose });
  const hook = spec.remediate ? { remediate: spec.remediate } : {};
  try {
    const outcome: RunOutcome = runId
      ? await resumeRun({ repoDir, registry, runId, configPath: values.config, signal: interrupt.signal, log, ...hook })
      : await executeRun({
        repoDir, registry, command: spec.name, lane: values.lane, configPath: values.config, signal: interrupt.signal, log, ...hook,
        ...(values['changed-since'] !== undefined ? { changedSince: values['changed-since'] } : {}),
      });
    process.stdout.write(scrubText(values.json ? `${JSON.stringify(outcomeJson(outcome), null, 2)}\n` : outcomeText(outcome)));
    return exitCodeFor(outcome);
  } finally {
    interrupt.dispose();
  }
}
