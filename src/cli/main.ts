#!/usr/bin/env node
import { AtqosError, describeError } from '../core/index.js';
import { EXIT } from './exit-codes.js';
import { scrubText } from '../secrets/index.js';
import { MAIN_HELP } from './help.js';
import { diagnoseCommand } from './commands/diagnose.js';
import { ingestCommand } from './commands/ingest.js';
import { runsCommand } from './commands/runs.js';
import { pluginsCommand } from './commands/plugins.js';
import { agentsCommand } from './commands/agents.js';
import { configCommand } from './commands/config.js';
import { runCommand } from './commands/run.js';
import { resumeCommand } from './commands/resume.js';
import { publishCommand } from './commands/publish.js';
import { planCommand } from './commands/plan.js';
import { attemptCommand } from './commands/attempt.js';
import { integrateCommand } from './commands/integrate.js';

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  diagnose: diagnoseCommand,
  run: runCommand,
  resume: resumeCommand,
  ingest: ingestCommand,
  runs: runsCommand,
  plugins: pluginsCommand,
  agents: agentsCommand,
  config: configCommand,
  publish: publishCommand,
  plan: planCommand,
  attempt: attemptCommand,
  integrate: integrateCommand,
};

/** Errors in what the user asked for (exit 3); every other failure is ATQOS's own (exit 70). */
const USAGE_CODES = new Set(['usage', 'config_invalid', 'config_unreadable', 'lane_unknown', 'repo_missing', 'nothing_to_run', 'run_unknown', 'run_id_ambiguous', 'agent_unknown', 'agent_unconfigured', 'run_live', 'run_finished', 'run_not_resumable', 'plan_bad_input', 'matrix_plan_invalid', 'matrix_base_mismatch', 'matrix_task_unknown']);

function isUsageError(err: AtqosError): boolean {
  return USAGE_CODES.has(err.code);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    process.stdout.write(MAIN_HELP);
    return name ? EXIT.green : EXIT.usage;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write('atqos 0.1.0\n');
    return EXIT.green;
  }
  const command = COMMANDS[name];
  if (!command) throw new AtqosError('usage', `unknown command "${name}"`, { hint: 'run `atqos --help` for the list of commands' });
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof AtqosError && isUsageError(err)) {
      process.stderr.write(scrubText(`atqos: error: ${describeError(err)}\n`));
      process.exitCode = EXIT.usage;
    } else if (err instanceof AtqosError) {
      process.stderr.write(scrubText(`atqos: error: ${describeError(err)}\n`));
      process.exitCode = EXIT.internal;
    } else {
      process.stderr.write(scrubText(`atqos: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`));
      process.exitCode = EXIT.internal;
    }
  },
);
