import { executeRun, stderrLogger } from '../../engine/index.js';
import { checkAgentRouting, remediationHook } from '../../engine/remediate/index.js';
import { loadConfig } from '../../config/index.js';
import { resolveRepo } from '../../engine/index.js';
import { registry } from '../../../plugins/index.js';
import { parseCommandArgs } from '../args.js';
import { RUN_HELP } from '../help.js';
import { interruptSignal } from '../interrupt.js';
import { exitCodeFor, outcomeJson, outcomeText } from '../print-outcome.js';
import { EXIT } from '../exit-codes.js';

export async function runCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('run', argv, {
    repo: { type: 'string' },
    lane: { type: 'string' },
    config: { type: 'string' },
    json: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    verbose: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(RUN_HELP);
    return EXIT.green;
  }
  const repoDir = resolveRepo(values.repo ?? process.cwd());
  checkAgentRouting(loadConfig(repoDir, values.config).config.agents, repoDir);
  const interrupt = interruptSignal();
  try {
    const outcome = await executeRun({
      repoDir,
      registry,
      command: 'run',
      lane: values.lane,
      configPath: values.config,
      signal: interrupt.signal,
      log: stderrLogger({ quiet: values.quiet, verbose: values.verbose }),
      remediate: remediationHook(),
    });
    process.stdout.write(values.json ? `${JSON.stringify(outcomeJson(outcome), null, 2)}\n` : outcomeText(outcome));
    return exitCodeFor(outcome);
  } finally {
    interrupt.dispose();
  }
}
