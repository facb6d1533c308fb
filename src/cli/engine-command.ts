import { executeRun, resolveRepo, stderrLogger } from '../engine/index.js';
import type { RemediateHook } from '../engine/index.js';
import { registry } from '../../plugins/index.js';
import { parseCommandArgs } from './args.js';
import { interruptSignal } from './interrupt.js';
import { exitCodeFor, outcomeJson, outcomeText } from './print-outcome.js';
import { EXIT } from './exit-codes.js';

export interface EngineCommand {
  name: 'diagnose' | 'run';
  help: string;
  /** Checks before anything runs (config the engine would only meet later). */
  precheck?: (repoDir: string, configPath: string | undefined) => void;
  remediate?: RemediateHook;
}

/** `diagnose` and `run`: the same flags, the same lifecycle, the same output; `run` adds remediation. */
export async function engineCommand(spec: EngineCommand, argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(spec.name, argv, {
    repo: { type: 'string' },
    lane: { type: 'string' },
    config: { type: 'string' },
    json: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    verbose: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(spec.help);
    return EXIT.green;
  }
  const repoDir = resolveRepo(values.repo ?? process.cwd());
  spec.precheck?.(repoDir, values.config);
  const interrupt = interruptSignal();
  try {
    const outcome = await executeRun({
      repoDir,
      registry,
      command: spec.name,
      lane: values.lane,
      configPath: values.config,
      signal: interrupt.signal,
      log: stderrLogger({ quiet: values.quiet, verbose: values.verbose }),
      ...(spec.remediate ? { remediate: spec.remediate } : {}),
    });
    process.stdout.write(values.json ? `${JSON.stringify(outcomeJson(outcome), null, 2)}\n` : outcomeText(outcome));
    return exitCodeFor(outcome);
  } finally {
    interrupt.dispose();
  }
}
