import path from 'node:path';
import { registry } from '../../../plugins/index.js';
import { parseCommandArgs } from '../args.js';
import { EXIT } from '../exit-codes.js';

export async function pluginsCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('plugins', argv, { repo: { type: 'string' }, json: { type: 'boolean' } });
  if (values.help) {
    process.stdout.write('Usage: atqos plugins [--repo PATH] [--json]\n');
    return EXIT.green;
  }
  const repo = path.resolve(values.repo ?? process.cwd());
  const rows = [];
  for (const [id, p] of registry) rows.push({ id, description: p.description, applies: await p.detect(repo) });
  if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else for (const r of rows) process.stdout.write(`${r.applies ? '*' : ' '} ${r.id.padEnd(12)} ${r.description}\n`);
  return EXIT.green;
}
