import { executeRun } from '../../engine/index.js';
import { registry } from '../../../plugins/index.js';
import { stderrLogger } from '../../engine/logger.js';
import { parseCommandArgs } from '../args.js';
import { DIAGNOSE_HELP } from '../help.js';
import { interruptSignal } from '../interrupt.js';
import { exitCodeFor, outcomeJson, outcomeText } from '../print-outcome.js';
import { EXIT } from '../exit-codes.js';

export async function diagnoseCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('diagnose', argv, {
    repo: { type: 'string' },
    lane: { type: 'string' },
    config: { type: 'string' },
    json: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    verbose: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(DIAGNOSE_HELP);
    return EXIT.green;
  }
  const interrupt = interruptSignal();
  try {
    const outcome = await executeRun({
      repoDir: values.repo ?? process.cwd(),
      registry,
      command: 'diagnose',
      lane: values.lane,
      configPath: values.config,
      signal: interrupt.signal,
      log: stderrLogger({ quiet: values.quiet, verbose: values.verbose }),
    });
    process.stdout.write(values.json ? `${JSON.stringify(outcomeJson(outcome), null, 2)}\n` : outcomeText(outcome));
    return exitCodeFor(outcome);
  } finally {
    interrupt.dispose();
  }
}
