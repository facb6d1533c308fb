import { configJsonSchema, loadConfig } from '../../config/index.js';
import type { z } from 'zod';
import { AtqosError } from '../../core/index.js';
import { registry } from '../../../plugins/index.js';
import { parsePluginOptions } from '../../engine/index.js';
import { parseCommandArgs } from '../args.js';
import { EXIT } from '../exit-codes.js';

const HELP = `Usage: atqos config schema          JSON Schema of .github/atqos.yml (for editors)
       atqos config show [--repo PATH] [--config PATH]   resolved configuration, defaults filled in
`;

export async function configCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('config', argv, { repo: { type: 'string' }, config: { type: 'string' } }, true);
  const [sub] = positionals;
  if (values.help || !sub) {
    process.stdout.write(HELP);
    return values.help ? EXIT.green : EXIT.usage;
  }
  if (sub === 'schema') {
    const schemas: Record<string, z.ZodType> = {};
    for (const [id, p] of registry) if (p.optionsSchema) schemas[id] = p.optionsSchema;
    process.stdout.write(`${JSON.stringify(configJsonSchema(schemas), null, 2)}\n`);
    return EXIT.green;
  }
  if (sub === 'show') {
    const { config, source } = loadConfig(values.repo ?? process.cwd(), values.config);
    const plugins = Object.fromEntries(parsePluginOptions(config, registry));
    process.stdout.write(`${JSON.stringify({ source: source ?? 'embedded defaults', ...config, plugins }, null, 2)}\n`);
    return EXIT.green;
  }
  throw new AtqosError('usage', `unknown config subcommand "${sub}"`, { hint: 'use `atqos config schema` or `atqos config show`' });
}
