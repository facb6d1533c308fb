import { AtqosError } from '../../core/index.js';
import { ingestReports, stderrLogger } from '../../engine/index.js';
import { registry } from '../../../plugins/index.js';
import { parseCommandArgs } from '../args.js';
import { INGEST_HELP } from '../help.js';
import { interruptSignal } from '../interrupt.js';
import { exitCodeFor, outcomeJson, outcomeText } from '../print-outcome.js';
import { EXIT } from '../exit-codes.js';

/** Formats are the plugins that ingest reports, so a new format needs no change here. */
const FORMATS = [...registry.values()].filter((p) => p.ingest).map((p) => p.id);

export async function ingestCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('ingest', argv, {
    format: { type: 'string' },
    repo: { type: 'string' },
    config: { type: 'string' },
    json: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
  }, true);
  if (values.help) {
    process.stdout.write(INGEST_HELP);
    return EXIT.green;
  }
  if (!values.format || !FORMATS.includes(values.format)) {
    throw new AtqosError('usage', values.format ? `unknown --format "${values.format}"` : 'atqos ingest needs --format', { hint: `supported formats: ${FORMATS.join(', ')}` });
  }
  const interrupt = interruptSignal();
  try {
    const outcome = await ingestReports({
      repoDir: values.repo ?? process.cwd(),
      registry,
      format: values.format,
      files: positionals,
      configPath: values.config,
      signal: interrupt.signal,
      log: stderrLogger({ quiet: values.quiet }),
    });
    process.stdout.write(values.json ? `${JSON.stringify(outcomeJson(outcome), null, 2)}\n` : outcomeText(outcome));
    return exitCodeFor(outcome);
  } finally {
    interrupt.dispose();
  }
}
